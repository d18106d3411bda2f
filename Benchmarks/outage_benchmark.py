"""The outage benchmark: the release `druidwatch agent` under Druid emitter load while
CloudWatch is unreachable, beside the same agent and load against a healthy CloudWatch
on loopback, measured in the same run.

The question (issue 5): at 10,000 events/s through an outage, does the agent's memory
stay under 50 MB while the spool grows on disk? An hour of outage is simulated in
minutes by running at the shortest period the configuration allows (1 s): every
period is aggregated, spooled and retried on its own, so each minute goes through as
many periods as an hour does at the usual 60 s.

The healthy peer is, by default, `cloudwatch_stub.py` (takes every PutMetricData at
once); `--healthy moto` uses moto_server instead, which cannot keep up (see the stub's
docstring for why).

Everything listens on and talks to 127.0.0.1 only; every process started here is
stopped, and the temporary directory removed, on exit, however it happens.

usage: outage_benchmark.py --druidwatch BIN --python VENV_PYTHON [--minutes N] [--rate EVENTS_PER_S]
"""
import argparse
import atexit
import ctypes
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

BENCHMARKS = pathlib.Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
SAMPLE_BATCH = REPOSITORY / "Tests/Fixtures/druid/http-emitter-array.json"
MOTO_LAUNCHER = REPOSITORY / "scripts/moto_launcher.py"
CLOUDWATCH_STUB = BENCHMARKS / "cloudwatch_stub.py"
RSS_LIMIT_MB = 50.0


class Run:
    """What this run started and where it keeps its files, for the clean-up."""
    processes = []
    workdir = None
    keep_workdir = False


def clean_up():
    # A second signal must not cut the clean-up short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for process in reversed(Run.processes):
        stop(process, grace=5)
    if Run.workdir is None:
        return
    if Run.keep_workdir:
        print(f"kept the agents' configurations, logs and spools in {Run.workdir}")
    else:
        shutil.rmtree(Run.workdir, ignore_errors=True)


def stop(process, grace):
    """SIGTERM, then SIGKILL after `grace` seconds; each process runs in its own session
    (started here), so its group is exactly what it started."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def exit_on_signal(number, _frame):
    sys.exit(128 + number)


def die_with_parent():
    """Runs in the child before exec: killed when this script dies without stopping it
    (itself killed by SIGKILL), so that no agent or emulator outlives the benchmark.
    SIGKILL rather than SIGTERM: a graceful agent would go on writing into the
    directory that run-outage is removing."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def start(arguments, log, **options):
    process = subprocess.Popen(arguments, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               preexec_fn=die_with_parent, **options)
    Run.processes.append(process)
    return process


def accepts_connections(port):
    with socket.create_connection(("127.0.0.1", port), 0.5):
        return True


def free_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


def closed_port():
    """A loopback port bound but never listened on, held for the whole run: connecting
    to it is refused at once, and nothing else can take it meanwhile."""
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    return holder, holder.getsockname()[1]


def wait_until(condition, timeout, what, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the process exited with {process.returncode}")
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready within {timeout} s")


def memory_mb(pid):
    """From /proc/PID/status, in MB (10^6 bytes): VmRSS (now), VmHWM (peak so far), and
    VmRSS's two parts, RssAnon (heap, stacks: what the agent allocates) and RssFile
    (the binary and shared libraries' pages in use)."""
    figures = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                figures[name] = int(value.split()[0]) * 1024 / 1e6
    return figures


def spool_on_disk(directory):
    files = size = 0
    for entry in os.scandir(directory):
        if entry.name.endswith(".batch"):
            files += 1
            size += entry.stat().st_size
    return files, size


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def scrape(port):
    """The agent's /metrics as {name{labels}: value}."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    figures = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            try:
                figures[name] = float(value)
            except ValueError:
                pass
    return figures


def total(figures, name, **labels):
    """Sum of a metric's series, optionally only those carrying `labels`."""
    wanted = [f'{key}="{value}"' for key, value in labels.items()]
    return sum(value for key, value in figures.items()
               if (key == name or key.startswith(name + "{")) and all(label in key for label in wanted))


def agent_config(emitter_port, self_metrics_port, endpoint, spool, period):
    return f"""\
cluster: bench
namespace: DruidWatchBenchmark
# The shortest period CloudWatch stores (high resolution): many periods in little time.
period: {period}s
collection_interval: {period}s
identity:
  instance_id: none
  auto_scaling_group: none
  host: outage-benchmark
aws:
  region: us-east-1
  endpoint_url: {endpoint}
  imds: false
  connect_timeout: 2s
  request_timeout: 10s
sources:
  host:
    enabled: false
  jvm:
    enabled: false
  druid_health:
    enabled: false
  zookeeper:
    enabled: false
  druid_emitter:
    listen: 127.0.0.1:{emitter_port}
spool:
  directory: {spool}
  # Far more than the run can fill: nothing may be dropped for size.
  max_bytes: {64 << 30}
self_metrics:
  listen: 127.0.0.1:{self_metrics_port}
logging:
  level: warning
"""


def slope_mb_per_minute(points):
    """Least-squares slope of (seconds, MB) points, in MB per minute."""
    if len(points) < 2:
        return 0.0
    mean_t = sum(t for t, _ in points) / len(points)
    mean_m = sum(m for _, m in points) / len(points)
    spread = sum((t - mean_t) ** 2 for t, _ in points)
    if spread == 0:
        return 0.0
    return 60 * sum((t - mean_t) * (m - mean_m) for t, m in points) / spread


class Agent:
    """A release agent started by `start_agent`, ready to take emitter batches."""
    def __init__(self, process, log, directory, spool, emitter_port, self_metrics_port):
        self.process, self.log, self.directory, self.spool = process, log, directory, spool
        self.emitter_port, self.self_metrics_port = emitter_port, self_metrics_port


def start_agent(name, druidwatch, endpoint, period):
    """The agent with only its emitter receiver on (see `agent_config`), in its own
    directory under the run's, once its receiver and self-metrics answer."""
    directory = Run.workdir / name
    spool = directory / "spool"
    spool.mkdir(parents=True)
    emitter_port, self_metrics_port = free_port(), free_port()
    config = directory / "agent.yaml"
    config.write_text(agent_config(emitter_port, self_metrics_port, endpoint, spool, period))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("AWS_")}
    environment.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_EC2_METADATA_DISABLED="true")

    log = open(directory / "agent.log", "wb")
    process = start([druidwatch, "agent", "--config", str(config)], log, env=environment)
    wait_until(lambda: accepts_connections(emitter_port), 30, f"{name}: emitter receiver", process)
    wait_until(lambda: scrape(self_metrics_port) is not None, 30, f"{name}: self-metrics", process)
    return Agent(process, log, directory, spool, emitter_port, self_metrics_port)


def run_scenario(name, endpoint, arguments):
    started = start_agent(name, arguments.druidwatch, endpoint, arguments.period)
    agent, directory, spool = started.process, started.directory, started.spool
    emitter_port, self_metrics_port, agent_log = started.emitter_port, started.self_metrics_port, started.log
    idle = memory_mb(agent.pid)

    seconds = arguments.minutes * 60
    load_output = directory / "load.json"
    samples = []
    peak_open_series = 0
    with open(load_output, "wb") as output:
        load = start([arguments.python, str(BENCHMARKS / "emitter_load.py"), f"http://127.0.0.1:{emitter_port}/",
                      str(SAMPLE_BATCH), str(arguments.rate), str(seconds)], output)
        began = time.monotonic()
        print(f"  {name}: {arguments.rate:,} events/s for {seconds:.0f} s ...", flush=True)
        while True:
            finished = load.poll() is not None
            elapsed = time.monotonic() - began
            if agent.poll() is not None:
                raise RuntimeError(f"{name}: the agent exited with {agent.returncode}; its log ends:\n"
                                   + (directory / "agent.log").read_text()[-3000:])
            files, size = spool_on_disk(spool)
            samples.append({"t": elapsed, **memory_mb(agent.pid), "spool_files": files, "spool_bytes": size})
            peak_open_series = max(peak_open_series, total(scrape(self_metrics_port), "druidwatch_aggregation_open_series"))
            if finished or elapsed > seconds + 60:
                break
            time.sleep(arguments.sample_every)
    stop(load, grace=5)
    load_result = json.loads(load_output.read_text() or "{}")
    figures = scrape(self_metrics_port)
    # Read before SIGTERM: shutting down publishes the period in progress, which is the
    # shutdown path, not the one measured.
    peak = memory_mb(agent.pid)["VmHWM"]
    stop(agent, grace=60)
    agent_log.close()

    second_half = [(sample["t"], sample["VmRSS"]) for sample in samples if sample["t"] >= seconds / 2]
    return {
        "name": name,
        "seconds": samples[-1]["t"],
        "periods": int(samples[-1]["t"] // arguments.period),
        "load": load_result,
        "idle": idle,
        "samples": samples,
        "peak_rss_mb": max(peak, max(sample["VmHWM"] for sample in samples)),
        "peak_anon_mb": max(sample["RssAnon"] for sample in samples),
        "final": samples[-1],
        "slope_mb_per_minute": slope_mb_per_minute(second_half),
        "peak_open_series": int(peak_open_series),
        "samples_received": total(figures, "druidwatch_samples_received_total", source="druid_emitter"),
        "samples_rejected": {reason: int(total(figures, "druidwatch_samples_rejected_total", reason=reason))
                             for reason in ("late", "series_limit", "non_finite")},
        "datums_published": int(total(figures, "druidwatch_datums_published_total")),
        "datums_spooled": int(total(figures, "druidwatch_datums_spooled_total")),
        "datums_dropped": int(total(figures, "druidwatch_datums_dropped_total")),
        "requests": {outcome: int(total(figures, "druidwatch_cloudwatch_requests_total", outcome=outcome))
                     for outcome in ("ok", "network", "server_error", "throttled", "rejected")},
    }


def start_announcing_server(arguments, log_name):
    """Starts a server that prints "PORT <n>" once it listens; answers (process, port)."""
    log_path = Run.workdir / log_name
    process = start(arguments, open(log_path, "wb"), stdin=subprocess.DEVNULL)

    def announced_port():
        return next((int(line.split()[1]) for line in log_path.read_text().splitlines() if line.startswith("PORT ")), None)

    wait_until(lambda: announced_port() is not None, 120, log_name, process)
    return process, announced_port()


def describe(result, period):
    load = result["load"]
    every = max(1, len(result["samples"]) // 8)
    timeline = ", ".join(f"{sample['t']:.0f}s {sample['VmRSS']:.1f}" for sample in result["samples"][::every])
    final = result["final"]
    rejected = {reason: count for reason, count in result["samples_rejected"].items() if count}
    return "\n".join([
        f"    {result['seconds']:.0f} s of load = {result['periods']:,} periods of {period} s; "
        f"events sent {load.get('events_sent', 0):,} ({load.get('events_per_second', 0):,.0f}/s), "
        f"kept by the agent {int(result['samples_received']):,}; HTTP {load.get('statuses')}",
        f"    RSS (MB) over time: {timeline}",
        f"    idle before the load: VmRSS {result['idle']['VmRSS']:.1f} MB (RssAnon {result['idle']['RssAnon']:.1f}, "
        f"RssFile {result['idle']['RssFile']:.1f})",
        f"    under load: peak VmRSS (VmHWM) {result['peak_rss_mb']:.1f} MB, peak RssAnon {result['peak_anon_mb']:.1f} MB; "
        f"at the end VmRSS {final['VmRSS']:.1f} MB (RssAnon {final['RssAnon']:.1f}, RssFile {final['RssFile']:.1f}); "
        f"slope over the second half {result['slope_mb_per_minute']:+.2f} MB/min",
        f"    spool on disk at the end: {final['spool_files']:,} files, {final['spool_bytes'] / 1e6:,.1f} MB; "
        f"aggregation held at most {result['peak_open_series']:,} series",
        f"    datums published {result['datums_published']:,}, spooled {result['datums_spooled']:,}, "
        f"dropped {result['datums_dropped']:,}; samples rejected by the aggregation {rejected or 0}; "
        f"PutMetricData calls {({outcome: count for outcome, count in result['requests'].items() if count})}",
    ])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--druidwatch", required=True, help="the release druidwatch binary")
    parser.add_argument("--python", required=True, help="the repository's .venv Python (moto, for --healthy moto)")
    parser.add_argument("--minutes", type=float, default=3, help="load per scenario (default 3: 180 periods of 1 s)")
    parser.add_argument("--rate", type=int, default=10_000, help="events per second (default 10,000)")
    parser.add_argument("--period", type=int, default=1, choices=[1, 5, 10, 30, 60], help="the agent's period in seconds (default 1)")
    parser.add_argument("--healthy", choices=["stub", "moto"], default="stub", help="the healthy CloudWatch of the peer run")
    parser.add_argument("--sample-every", type=float, default=3, help="seconds between RSS samples")
    parser.add_argument("--json", help="also write every figure and sample here")
    parser.add_argument("--keep", action="store_true", help="keep the configurations, logs and spools (path printed at exit)")
    parser.add_argument("--workdir", help="an empty directory to work in (default: a new temporary one)")
    arguments = parser.parse_args()

    Run.keep_workdir = arguments.keep
    atexit.register(clean_up)
    signal.signal(signal.SIGTERM, exit_on_signal)
    signal.signal(signal.SIGINT, exit_on_signal)
    Run.workdir = pathlib.Path(arguments.workdir or tempfile.mkdtemp(prefix="druidwatch-outage-"))
    started_at = time.monotonic()

    holder, unreachable = closed_port()
    print(f"outage: CloudWatch endpoint http://127.0.0.1:{unreachable} (bound, never listening: refused)")
    outage = run_scenario("outage", f"http://127.0.0.1:{unreachable}", arguments)
    print(describe(outage, arguments.period), flush=True)
    holder.close()

    if arguments.healthy == "moto":
        server, port = start_announcing_server([arguments.python, str(MOTO_LAUNCHER)], "moto.log")
        print(f"healthy: moto_server on 127.0.0.1:{port}")
    else:
        server, port = start_announcing_server([arguments.python, str(CLOUDWATCH_STUB)], "cloudwatch-stub.log")
        print(f"healthy: CloudWatch stand-in (cloudwatch_stub.py) on 127.0.0.1:{port}")
    healthy = run_scenario("healthy", f"http://127.0.0.1:{port}", arguments)
    print(describe(healthy, arguments.period))
    if arguments.healthy == "stub":
        taken = fetch_json(f"http://127.0.0.1:{port}/stats")
        print(f"    the stand-in took {taken['requests']:,} requests, {taken['datums']:,} datums "
              f"(refused {taken['refused']})")
    stop(server, grace=5)

    passed = outage["peak_rss_mb"] < RSS_LIMIT_MB
    late = outage["samples_rejected"]["late"]
    print()
    print(f"simulated per scenario: {outage['periods']:,} periods of {arguments.period} s, each aggregated, spooled "
          f"and retried on its own: the periods of {outage['periods'] / 60:.1f} h of outage at the usual 60 s period; "
          f"events {outage['load'].get('events_sent', 0):,} (outage) and {healthy['load'].get('events_sent', 0):,} "
          f"(healthy); wall time {time.monotonic() - started_at:.0f} s in all")
    print(f"outage peak RSS:  {outage['peak_rss_mb']:6.1f} MB (RssAnon {outage['peak_anon_mb']:.1f})   "
          f"slope {outage['slope_mb_per_minute']:+.2f} MB/min over the second half")
    print(f"healthy peak RSS: {healthy['peak_rss_mb']:6.1f} MB (RssAnon {healthy['peak_anon_mb']:.1f})   "
          f"slope {healthy['slope_mb_per_minute']:+.2f} MB/min over the second half")
    print(f"ratio (outage / healthy): {outage['peak_rss_mb'] / healthy['peak_rss_mb']:.2f}x")
    print(f"spool at the end of the outage: {outage['final']['spool_files']:,} files, "
          f"{outage['final']['spool_bytes'] / 1e6:,.1f} MB on disk; {outage['datums_spooled']:,} datums spooled")
    if late:
        delivered = healthy["datums_published"]
        lost = 1 - outage["datums_spooled"] / delivered if delivered else 0
        print(f"note: the outage run spooled {outage['datums_spooled']:,} datums where the healthy run published "
              f"{delivered:,} ({lost:.0%} fewer): sending each request through all its retries took longer than a "
              f"period, the aggregation held its maximum of 10 open periods and dropped the oldest "
              f"(druidwatch_samples_rejected_total{{reason=\"late\"}} {late:,})")
    print(f"{'PASS' if passed else 'FAIL'}: outage RSS < {RSS_LIMIT_MB:.0f} MB")
    if arguments.json:
        pathlib.Path(arguments.json).write_text(json.dumps({"outage": outage, "healthy": healthy}, indent=1))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
