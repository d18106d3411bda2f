"""Issue 10's side-by-side benchmarks: druidwatch beside real peers, measured in the
same run on the same machine, printed as one Markdown table (and written to a file).

  host collection   CPU time per cycle of the host source (DruidWatchBenchmarks host)
                    vs prometheus-node-exporter serving a scrape of its default
                    collectors; both from utime + stime in /proc/<pid>/stat over the
                    same number of back-to-back cycles, after one warm-up cycle each.
  emitter ingest    events per agent CPU-second through the real HTTP receiver (release
                    agent, wrk POSTing 1,000-event batches over loopback); and parse +
                    aggregate alone (DruidWatchBenchmarks emitter) vs Python's json.loads
                    on the same bytes, one core each.
  Prometheus text   the parser vs prometheus_client's on node_exporter's own scrape.
  memory            the agent's RSS idle and under 10,000 events/s for 5 minutes
                    (outage_benchmark's scenario against the CloudWatch stand-in) vs
                    node_exporter's RSS after the host comparison's scrapes; and the
                    floor under it: LibcurlFloor, the Swift runtime and libcurl alone
                    after one request to the stand-in.
  evaluator         200 rules / 5,000 series cycle (DruidWatchBenchmarks evaluator) vs
                    the naive evaluator on the same cycles.

Everything listens on and talks to 127.0.0.1; every load is bounded in count and time;
every process started here is stopped on exit (outage_benchmark's clean-up).

usage: compare.py --benchmarks BIN --druidwatch BIN --libcurl-floor BIN --python VENV_PYTHON --output FILE [--quick]
"""
import argparse
import atexit
import http.client
import json
import os
import pathlib
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time

import outage_benchmark as bench
from emitter_load import TIMESTAMP_PLACEHOLDER, batches

BENCHMARKS = bench.BENCHMARKS
NODE_EXPORTER = "/usr/bin/prometheus-node-exporter"


class Figures:
    """Each comparison's result, kept for the table and the JSON beside it."""
    rows = []
    raw = {}


def row(name, ours, peer, ratio, target, met, how):
    Figures.rows.append({"name": name, "ours": ours, "peer": peer, "ratio": ratio, "target": target,
                         "met": met, "how": how})


def json_line(command, **options):
    output = subprocess.run(command, check=True, capture_output=True, text=True, **options).stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def one_core(command):
    """Single-core runs are pinned to core 0, ours and the peer's alike (the memory run
    has core 1)."""
    return ["taskset", "-c", "0", *command]


def cpu_ticks(pid):
    """utime + stime of a process, in clock ticks, from /proc/<pid>/stat."""
    text = pathlib.Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])


TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- host collection

def compare_host(arguments, scrape_path):
    cycles = arguments.host_cycles
    port = bench.free_port()
    log = open(bench.Run.workdir / "node_exporter.log", "wb")
    exporter = bench.start(one_core([NODE_EXPORTER, f"--web.listen-address=127.0.0.1:{port}"]), log)
    bench.wait_until(lambda: bench.accepts_connections(port), 30, "node_exporter", exporter)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def scrape():
        # No Accept-Encoding: node_exporter answers plain text, not charged for gzip.
        connection.request("GET", "/metrics")
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"node_exporter answered {response.status}")
        return body

    scrape_path.write_bytes(scrape())
    before = cpu_ticks(exporter.pid)
    began = time.monotonic()
    for _ in range(cycles):
        scrape()
        if time.monotonic() - began > 300:
            raise RuntimeError("node_exporter: scrapes took over 300 s")
    exporter_ticks = cpu_ticks(exporter.pid) - before
    exporter_wall = time.monotonic() - began
    exporter_memory = bench.memory_mb(exporter.pid)
    connection.close()
    bench.stop(exporter, grace=5)

    ours = json_line(one_core([arguments.benchmarks, "host", str(cycles)]))[0]
    ours_ms = ours["cpu_ticks"] / ours["ticks_per_second"] / cycles * 1000
    peer_ms = exporter_ticks / TICKS_PER_SECOND / cycles * 1000
    scrape_samples = sum(1 for line in scrape_path.read_text().splitlines() if line and not line.startswith("#"))
    Figures.raw["host"] = {"druidwatch": ours, "node_exporter": {"cycles": cycles, "cpu_ticks": exporter_ticks,
                                                                 "wall_seconds": exporter_wall,
                                                                 "samples_per_scrape": scrape_samples,
                                                                 "memory_mb": exporter_memory}}
    ratio = ours_ms / peer_ms if peer_ms else float("inf")
    row("Host collection, CPU ms per cycle", f"{ours_ms:.3f} ms ({ours['samples_per_cycle']} samples)",
        f"{peer_ms:.3f} ms ({scrape_samples:,} samples)", f"{ratio:.3f}x", "<= 0.5x", ratio <= 0.5,
        f"utime+stime from /proc/<pid>/stat over {cycles} back-to-back cycles each, both pinned to core 0; node_exporter "
        f"{exporter_ticks} ticks, druidwatch {ours['cpu_ticks']} ticks ({TICKS_PER_SECOND}/s)")
    return exporter_memory


# ---------------------------------------------------------------- Prometheus text

def compare_prometheus(arguments, scrape_path):
    seconds = str(arguments.seconds)
    ours = json_line(one_core([arguments.benchmarks, "prometheus", str(scrape_path), seconds]))[0]
    peer = json_line(one_core([arguments.python, str(BENCHMARKS / "prometheus_client_peer.py"), str(scrape_path), seconds]))[0]
    Figures.raw["prometheus"] = {"druidwatch": ours, "prometheus_client": peer}
    ratio = ours["samples_per_second"] / peer["samples_per_second"]
    row("Prometheus text parsing, samples/s (one core)", f"{ours['samples_per_second']:,}",
        f"{peer['samples_per_second']:,}", f"{ratio:.1f}x", "higher is better", None,
        f"node_exporter's scrape ({ours['bytes']:,} bytes, {ours['samples_per_scrape']:,} samples) parsed "
        f"repeatedly for {seconds} s; peer: prometheus_client.parser.text_string_to_metric_families")


# ---------------------------------------------------------------- emitter

def compare_emitter_parse(arguments):
    batch = bench.Run.workdir / "emitter-batch.json"
    seconds = str(arguments.seconds)
    lines = json_line(one_core([arguments.benchmarks, "emitter", str(bench.SAMPLE_BATCH), str(batch), "10000", seconds]))
    parse_only, aggregate = lines[0], lines[1]
    peer = json_line(one_core(["python3", str(BENCHMARKS / "python_json_peer.py"), str(batch), seconds]))[0]
    Figures.raw["emitter_parse"] = {"druidwatch_parse": parse_only, "druidwatch_aggregate": aggregate, "json_loads": peer}
    ours = aggregate["events_per_second"]
    ratio = ours / peer["events_per_second"]
    row("Emitter parse + aggregate, events/s (one core)", f"{ours:,}", f"{peer['events_per_second']:,} (json.loads)",
        f"{ratio:.2f}x", ">= 1,000,000 events/s", ours >= 1_000_000,
        f"the same {aggregate['events_per_batch']:,}-event ARRAY batch ({aggregate['batch_bytes']:,} bytes); "
        f"druidwatch parse alone {parse_only['events_per_second']:,} events/s; json.loads only decodes")


def wrk_script(directory, body_path, requests_per_thread):
    """POSTs one batch again and again; each thread stops after its share of requests,
    and wrk's own -d bounds the time."""
    script = directory / "post-batch.lua"
    script.write_text(f"""\
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = io.open([[{body_path}]], "rb")
wrk.body = file:read("*a")
file:close()
local answered = 0
function response(status, headers, body)
  answered = answered + 1
  if answered >= {requests_per_thread} then wrk.thread:stop() end
end
""")
    return script


def compare_emitter_http(arguments, endpoint):
    agent = bench.start_agent("ingest", arguments.druidwatch, endpoint, 60)
    batch_size = 1000
    body = batches(bench.SAMPLE_BATCH, batch_size)[0]
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    body_path = agent.directory / "batch.json"
    body_path.write_bytes(body.replace(TIMESTAMP_PLACEHOLDER, stamp.encode()))
    seconds = arguments.ingest_seconds
    # At most 5 million events/s could be sent: far more than one core takes.
    requests_per_thread = 5_000 * seconds
    script = wrk_script(agent.directory, body_path, requests_per_thread)

    def received():
        return bench.total(bench.scrape(agent.self_metrics_port), "druidwatch_samples_received_total", source="druid_emitter")

    events_before, ticks_before = received(), cpu_ticks(agent.process.pid)
    wrk = subprocess.run(["wrk", "-t1", "-c2", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
                          f"http://127.0.0.1:{agent.emitter_port}/"],
                         capture_output=True, text=True, timeout=seconds + 60)
    ticks = cpu_ticks(agent.process.pid) - ticks_before
    events = received() - events_before
    memory = bench.memory_mb(agent.process.pid)
    bench.stop(agent.process, grace=30)
    (agent.directory / "wrk.txt").write_text(wrk.stdout + wrk.stderr)
    if wrk.returncode != 0:
        raise RuntimeError(f"wrk exited with {wrk.returncode}: {wrk.stderr}")
    cpu_seconds = ticks / TICKS_PER_SECOND
    per_core = events / cpu_seconds if cpu_seconds else 0
    wall = events / seconds
    Figures.raw["emitter_http"] = {"events": events, "cpu_ticks": ticks, "seconds": seconds, "wrk": wrk.stdout,
                                   "agent_memory_mb": memory}
    non_2xx = next((line.strip() for line in wrk.stdout.splitlines() if "Non-2xx" in line), "no non-2xx answers")
    row("Emitter over HTTP (real receiver), events per agent CPU-second", f"{per_core:,.0f}",
        "-", "-", "(reported)", None,
        f"release agent, wrk -t1 -c2 for {seconds} s POSTing {batch_size:,}-event ARRAY batches over loopback: "
        f"{events:,.0f} events kept ({wall:,.0f}/s wall) for {cpu_seconds:.2f} agent CPU-s; {non_2xx}")


# ---------------------------------------------------------------- memory

class MemoryRun(threading.Thread):
    """The agent under 10,000 events/s for the issue's 5 minutes, on core 1 while the
    single-core comparisons run on core 0: the memory figure does not depend on the
    CPU it gets (the load takes a few percent of a core), and the whole compare stays
    under 15 minutes on a fresh machine. Children inherit this thread's affinity."""
    def __init__(self, arguments, endpoint):
        super().__init__(daemon=True)
        self.arguments, self.endpoint = arguments, endpoint
        self.result, self.error = None, None

    def run(self):
        try:
            os.sched_setaffinity(0, {1 % os.cpu_count()})
            scenario = argparse.Namespace(druidwatch=self.arguments.druidwatch, python=self.arguments.python,
                                          minutes=self.arguments.memory_minutes, rate=10_000, period=60, sample_every=5)
            self.result = bench.run_scenario("memory", self.endpoint, scenario)
        except Exception as error:  # reported by the main thread
            self.error = error


def report_memory(arguments, result, exporter_memory):
    Figures.raw["memory"] = {key: value for key, value in result.items() if key != "samples"}
    idle, peak = result["idle"], result["peak_rss_mb"]
    load = result["load"]
    exporter_rss = exporter_memory["VmHWM"]
    row("Agent RSS, idle", f"{idle['VmRSS']:.1f} MB (anon {idle['RssAnon']:.1f}, file {idle['RssFile']:.1f})",
        f"{exporter_memory['VmRSS']:.1f} MB (node_exporter)", f"{idle['VmRSS'] / exporter_memory['VmRSS']:.2f}x",
        "(reported)", None,
        "VmRSS (RssAnon: what the agent allocates; RssFile: pages of the binary and shared libraries) from "
        "/proc/<pid>/status once the receiver answers; node_exporter's VmRSS after the host comparison's scrapes")
    row(f"Agent RSS at 10,000 events/s for {arguments.memory_minutes:g} min",
        f"{peak:.1f} MB peak (anon {result['peak_anon_mb']:.1f})",
        f"{exporter_rss:.1f} MB peak (node_exporter)", f"{peak / exporter_rss:.2f}x", "<= 20 MB", peak <= 20,
        f"VmHWM; {load.get('events_sent', 0):,} events sent ({load.get('events_per_second', 0):,.0f}/s) by emitter_load.py "
        f"in 1,000-event batches, agent with only its emitter receiver on, period 60 s, {result['peak_open_series']:,} "
        f"open series at most, CloudWatch stand-in on loopback; end VmRSS {result['final']['VmRSS']:.1f} MB, slope over "
        f"the second half {result['slope_mb_per_minute']:+.2f} MB/min; run on core 1 beside the single-core comparisons on core 0")


def measure_libcurl_floor(arguments, endpoint):
    """RSS of LibcurlFloor once it has made one request: what any Swift program that
    sends over Debian's libcurl holds before it has code or data of its own."""
    process = subprocess.Popen([arguments.libcurl_floor, endpoint + "/"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        if line != "performed 0":
            raise RuntimeError(f"LibcurlFloor: {line or 'printed nothing'}")
        time.sleep(1)
        return bench.memory_mb(process.pid)
    finally:
        process.stdin.close()
        process.wait(timeout=10)


def report_libcurl_floor(floor, result):
    Figures.raw["libcurl_floor"] = floor
    row("Floor under the agent: Swift runtime + libcurl, one request, no druidwatch code", "-",
        f"{floor['VmRSS']:.1f} MB (anon {floor['RssAnon']:.1f}, file {floor['RssFile']:.1f})",
        f"agent peak {result['peak_rss_mb'] - floor['VmRSS']:+.1f} MB over it", "(reported)", None,
        "VmRSS of Benchmarks/Sources/LibcurlFloor (static Swift runtime as the agent's, curl_global_init, one GET to "
        "the CloudWatch stand-in, body discarded) a second after the request; libcurl's Debian build brings OpenSSL, "
        "GnuTLS, Kerberos, LDAP, SSH and IDN libraries: the 20 MB target has to hold this and the agent")


# ---------------------------------------------------------------- evaluator

def compare_evaluator(arguments):
    shape, ours, peer = json_line(one_core([arguments.benchmarks, "evaluator", str(arguments.evaluator_minutes)]))
    Figures.raw["evaluator"] = {"shape": shape, "druidwatch": ours, "naive": peer}
    ratio = ours["cpu_ms_per_cycle"] / peer["cpu_ms_per_cycle"]
    row(f"Evaluator cycle, {shape['rules']} rules / {shape['distinct_series']:,} series, CPU ms",
        f"{ours['cpu_ms_per_cycle']:.2f} ms", f"{peer['cpu_ms_per_cycle']:.2f} ms (naive evaluator)",
        f"{ratio:.2f}x", "none set (lower is better)", None,
        f"{shape['measured_cycles']} one-minute cycles, {shape['groups']:,} alarm states; GetMetricData calls per cycle "
        f"{ours['calls_per_cycle']:.1f} vs {peer['calls_per_cycle']:.1f}; states checked equal every cycle")


# ---------------------------------------------------------------- table

def table(arguments, wall_seconds):
    verdict = {True: "yes", False: "**no**", None: "-"}
    lines = [
        f"# druidwatch vs peers ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Linux {platform.release()}; "
        f"{'--quick run; ' if arguments.quick else ''}benchmarks took {wall_seconds:.0f} s. "
        "Ratios are druidwatch / peer.",
        "",
        "| comparison | druidwatch | peer | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for entry in Figures.rows:
        lines.append(f"| {entry['name']} | {entry['ours']} | {entry['peer']} | {entry['ratio']} | {entry['target']} | "
                     f"{verdict[entry['met']]} |")
    lines += ["", "How each figure was measured:", ""]
    lines += [f"- {entry['name']}: {entry['how']}." for entry in Figures.rows]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--benchmarks", required=True, help="the release DruidWatchBenchmarks binary")
    parser.add_argument("--druidwatch", required=True, help="the release druidwatch binary")
    parser.add_argument("--libcurl-floor", required=True, help="the release LibcurlFloor binary")
    parser.add_argument("--python", required=True, help="a Python with prometheus_client")
    parser.add_argument("--output", required=True, help="where the Markdown table goes (the JSON figures beside it)")
    parser.add_argument("--quick", action="store_true", help="shorter runs: 1 minute of memory load, fewer cycles")
    arguments = parser.parse_args()
    arguments.seconds = 2 if arguments.quick else 5
    arguments.host_cycles = 200 if arguments.quick else 1000
    arguments.ingest_seconds = 10 if arguments.quick else 20
    arguments.memory_minutes = 1 if arguments.quick else 5
    arguments.evaluator_minutes = 10 if arguments.quick else 30

    atexit.register(bench.clean_up)
    signal.signal(signal.SIGTERM, bench.exit_on_signal)
    signal.signal(signal.SIGINT, bench.exit_on_signal)
    bench.Run.workdir = pathlib.Path(tempfile.mkdtemp(prefix="druidwatch-compare-"))
    began = time.monotonic()
    scrape_path = bench.Run.workdir / "node_exporter.prom"

    stub, port = bench.start_announcing_server([sys.executable, str(bench.CLOUDWATCH_STUB)], "cloudwatch-stub.log")
    endpoint = f"http://127.0.0.1:{port}"
    print(f"== agent memory at 10,000 events/s for {arguments.memory_minutes:g} min (core 1, in the background)", flush=True)
    memory = MemoryRun(arguments, endpoint)
    memory.start()
    print("== host collection vs node_exporter (core 0)", flush=True)
    exporter_memory = compare_host(arguments, scrape_path)
    print("== Prometheus text parsing vs prometheus_client (core 0)", flush=True)
    compare_prometheus(arguments, scrape_path)
    print("== emitter parse + aggregate vs json.loads (core 0)", flush=True)
    compare_emitter_parse(arguments)
    print("== evaluator cycle vs naive evaluator (core 0)", flush=True)
    compare_evaluator(arguments)
    memory.join(timeout=arguments.memory_minutes * 60 + 300)
    if memory.error is not None or memory.result is None:
        raise RuntimeError(f"memory run: {memory.error or 'did not finish'}")
    report_memory(arguments, memory.result, exporter_memory)
    report_libcurl_floor(measure_libcurl_floor(arguments, endpoint), memory.result)
    print("== emitter over HTTP (wrk, both cores)", flush=True)
    compare_emitter_http(arguments, endpoint)
    bench.stop(stub, grace=5)

    markdown = table(arguments, time.monotonic() - began)
    output = pathlib.Path(arguments.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(markdown)
    output.with_suffix(".json").write_text(json.dumps(Figures.raw, indent=1, default=str))
    print()
    print(markdown)
    print(f"written to {output} (every figure in {output.with_suffix('.json')})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
