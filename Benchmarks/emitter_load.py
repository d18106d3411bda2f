"""Druid's HTTP emitter at a steady rate: POSTs ARRAY batches of metric events to the
agent's receiver, as `druid.emitter=http` does, for the outage benchmark.

The events are the sample batch's metric events (Tests/Fixtures/druid), with
dataSource, type and server drawn from pools so that each period holds many series
(about 1,600), values varied, and timestamps set to the moment of sending. Bounded
both ways: it stops after RATE x SECONDS events or SECONDS (plus a short grace),
whichever comes first, and prints what it sent as one JSON line.

usage: emitter_load.py URL SAMPLE_BATCH.json RATE SECONDS [BATCH_SIZE]
"""
import datetime
import http.client
import json
import random
import sys
import time
import urllib.parse

DATA_SOURCES = [f"datasource_{index:03d}" for index in range(150)]
QUERY_TYPES = ["timeseries", "groupBy", "topN", "scan"]
SERVERS = [f"10.0.5.{index}:8283" for index in range(10, 30)]
TIMESTAMP_PLACEHOLDER = b"@@TIMESTAMP@@"
VARIANTS = 40


def varied(event, rng):
    event = dict(event)
    if "dataSource" in event:
        event["dataSource"] = rng.choice(DATA_SOURCES)
    if "type" in event and event.get("metric", "").startswith("query/"):
        event["type"] = rng.choice(QUERY_TYPES)
    if "server" in event:
        event["server"] = rng.choice(SERVERS)
    if isinstance(event.get("value"), (int, float)):
        # Timers spread over a log-normal; levels and counts move around their sample value.
        event["value"] = max(0, round(event["value"] * rng.lognormvariate(0, 0.6)))
    event["timestamp"] = TIMESTAMP_PLACEHOLDER.decode()
    return event


def batches(sample_path, batch_size):
    with open(sample_path, "rb") as file:
        templates = [event for event in json.load(file) if event.get("feed") == "metrics"]
    rng = random.Random(5)
    # A few dozen distinct batches, prepared once, so that generating them costs the
    # load nothing while sending; only the timestamp changes per send.
    return [json.dumps([varied(rng.choice(templates), rng) for _ in range(batch_size)], separators=(",", ":")).encode()
            for _ in range(VARIANTS)]


def main():
    url, sample_path = sys.argv[1], sys.argv[2]
    rate, seconds = float(sys.argv[3]), float(sys.argv[4])
    batch_size = int(sys.argv[5]) if len(sys.argv) > 5 else 1000
    target = urllib.parse.urlsplit(url)
    bodies = batches(sample_path, batch_size)
    total_batches = int(rate * seconds) // batch_size
    interval = batch_size / rate
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    statuses = {}
    accepted = sent = 0
    start = time.monotonic()
    deadline = start + seconds + 10
    for index in range(total_batches):
        due = start + index * interval
        now = time.monotonic()
        if now >= deadline:
            break
        if due > now:
            time.sleep(due - now)
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        body = bodies[index % len(bodies)].replace(TIMESTAMP_PLACEHOLDER, stamp.encode())
        try:
            connection.request("POST", target.path or "/", body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as error:
            statuses[type(error).__name__] = statuses.get(type(error).__name__, 0) + 1
            connection.close()
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            continue
        sent += batch_size
        statuses[str(response.status)] = statuses.get(str(response.status), 0) + 1
        if response.status == 200:
            accepted += json.loads(answer).get("metrics", 0)
    elapsed = time.monotonic() - start
    print(json.dumps({"events_sent": sent, "events_accepted": accepted, "batch_size": batch_size,
                      "statuses": statuses, "seconds": elapsed, "events_per_second": sent / elapsed if elapsed else 0}))


if __name__ == "__main__":
    main()
