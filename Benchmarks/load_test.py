"""The load test (issue 11): ten simulated Druid processes post to the release agent's
emitter receiver at a combined 10,000 events/s for 10 minutes, against a CloudWatch
stand-in on loopback. What must hold, and is checked:

- no loss: every event a Druid process had answered 200 is counted by the agent as
  received, none is rejected (late, series limit, non-finite), no datum is dropped, and
  the stand-in holds exactly the datums the agent says it published;
- bounded memory: the agent's RSS does not grow over the second half of the run
  (least-squares slope under 1 MB/min) and peaks under 100 MB;
- the agent's own figures reconcile with what the load generators and the stand-in saw.

Everything listens on and talks to 127.0.0.1 only; the load is bounded in count and in
time; every process started is stopped, and the temporary directory removed, on exit.

usage: load_test.py --druidwatch BIN --python VENV_PYTHON [--minutes N] [--rate EVENTS_PER_S] [--processes N]
"""
import argparse
import atexit
import json
import pathlib
import signal
import sys
import tempfile
import time

import outage_benchmark as bench

PEAK_RSS_LIMIT_MB = 100.0
SLOPE_LIMIT_MB_PER_MINUTE = 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--druidwatch", required=True)
    parser.add_argument("--python", required=True)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=int, default=10_000, help="combined events per second")
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--period", type=int, default=10, choices=[1, 5, 10, 30, 60])
    parser.add_argument("--json", help="also write every figure here")
    arguments = parser.parse_args()

    atexit.register(bench.clean_up)
    signal.signal(signal.SIGTERM, bench.exit_on_signal)
    signal.signal(signal.SIGINT, bench.exit_on_signal)
    bench.Run.workdir = pathlib.Path(tempfile.mkdtemp(prefix="druidwatch-load-"))

    stub, port = bench.start_announcing_server([arguments.python, str(bench.CLOUDWATCH_STUB)], "cloudwatch-stub.log")
    agent = bench.start_agent("load", arguments.druidwatch, f"http://127.0.0.1:{port}", arguments.period)
    seconds = arguments.minutes * 60
    each = arguments.rate // arguments.processes
    outputs, loaders = [], []
    for index in range(arguments.processes):
        path = agent.directory / f"load-{index}.json"
        outputs.append(path)
        loaders.append(bench.start([arguments.python, str(bench.BENCHMARKS / "emitter_load.py"), f"http://127.0.0.1:{agent.emitter_port}/",
                                    str(bench.SAMPLE_BATCH), str(each), str(seconds)], open(path, "wb")))
    print(f"{arguments.processes} Druid processes x {each:,} events/s for {seconds:.0f} s into the agent "
          f"(period {arguments.period} s), CloudWatch stand-in on 127.0.0.1:{port}", flush=True)
    began = time.monotonic()
    samples = []
    while any(loader.poll() is None for loader in loaders) and time.monotonic() - began < seconds + 60:
        if agent.process.poll() is not None:
            raise RuntimeError("the agent exited under load:\n" + (agent.directory / "agent.log").read_text()[-3000:])
        samples.append((time.monotonic() - began, bench.memory_mb(agent.process.pid)))
        time.sleep(5)
    for loader in loaders:
        bench.stop(loader, grace=5)
    loads = [json.loads(path.read_text() or "{}") for path in outputs]
    # The last period ends and is published; then the figures are read, then SIGTERM.
    time.sleep(arguments.period * 2 + 2)
    figures = bench.scrape(agent.self_metrics_port)
    peak = max(bench.memory_mb(agent.process.pid)["VmHWM"], max(sample["VmHWM"] for _, sample in samples))
    bench.stop(agent.process, grace=60)
    taken = bench.fetch_json(f"http://127.0.0.1:{port}/stats")
    bench.stop(stub, grace=5)

    sent = sum(load.get("events_sent", 0) for load in loads)
    accepted = sum(load.get("events_accepted", 0) for load in loads)
    statuses = {}
    for load in loads:
        for status, count in load.get("statuses", {}).items():
            statuses[status] = statuses.get(status, 0) + count
    received = int(bench.total(figures, "druidwatch_samples_received_total", source="druid_emitter"))
    rejected = {reason: int(bench.total(figures, "druidwatch_samples_rejected_total", reason=reason)) for reason in ("late", "series_limit", "non_finite")}
    published = int(bench.total(figures, "druidwatch_datums_published_total"))
    dropped = int(bench.total(figures, "druidwatch_datums_dropped_total"))
    slope = bench.slope_mb_per_minute([(t, sample["VmRSS"]) for t, sample in samples if t >= seconds / 2])
    elapsed = time.monotonic() - began

    checks = [
        (f"events answered 200 ({accepted:,}) = events the agent received ({received:,})", accepted == received),
        (f"nothing rejected by the aggregation ({rejected})", sum(rejected.values()) == 0),
        (f"no datum dropped ({dropped:,})", dropped == 0),
        (f"the stand-in holds what the agent published before SIGTERM ({taken['datums']:,} >= {published:,}, none refused)",
         taken["datums"] >= published and taken["refused"] == 0),
        (f"peak RSS {peak:.1f} MB < {PEAK_RSS_LIMIT_MB:.0f} MB", peak < PEAK_RSS_LIMIT_MB),
        (f"RSS slope over the second half {slope:+.2f} MB/min < {SLOPE_LIMIT_MB_PER_MINUTE} MB/min", slope < SLOPE_LIMIT_MB_PER_MINUTE),
    ]
    load_seconds = max((load.get("seconds", 0) for load in loads), default=0) or elapsed
    print(f"sent {sent:,} events ({sent / load_seconds:,.0f}/s over {load_seconds:.0f} s), answers {statuses}")
    for text, passed in checks:
        print(f"{'PASS' if passed else 'FAIL'}: {text}")
    if arguments.json:
        pathlib.Path(arguments.json).write_text(json.dumps({
            "sent": sent, "accepted": accepted, "received": received, "rejected": rejected, "published": published,
            "dropped": dropped, "stand_in": taken, "peak_rss_mb": peak, "slope_mb_per_minute": slope, "seconds": elapsed,
        }, indent=1))
    return 0 if all(passed for _, passed in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
