"""The peer for the emitter benchmark: Python's json.loads on the same batch bytes,
timed the same way (repeat for at least SECONDS, one core)."""
import json
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
data = open(path, "rb").read()
events = len(json.loads(data))
batches = 0
start = time.perf_counter()
while True:
    json.loads(data)
    batches += 1
    elapsed = time.perf_counter() - start
    if elapsed >= seconds:
        break
print(json.dumps({"events_per_batch": events, "batches": batches, "seconds": elapsed,
                  "events_per_second": int(batches * events / elapsed)}))
