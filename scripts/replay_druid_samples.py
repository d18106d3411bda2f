"""Posts the Druid HTTP emitter sample batches to a running agent, as Druid's emitter
would (`druid.emitter=http`): each framing Druid uses (ARRAY, NEWLINES, ONLY_EVENTS)
and a gzip-compressed copy. Timestamps are moved to now so that the demo's read-back
window shows them.

usage: replay_druid_samples.py URL SAMPLES_DIR
"""
import datetime
import gzip
import pathlib
import re
import sys
import urllib.request

url, samples = sys.argv[1], pathlib.Path(sys.argv[2])
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
stamp = re.compile(rb'"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d')

for name, encoding in [("http-emitter-array.json", None), ("http-emitter-newlines.txt", None),
                       ("http-emitter-only-events.txt", None), ("http-emitter-array.json", "gzip")]:
    body = stamp.sub(b'"timestamp":"' + now.encode(), (samples / name).read_bytes())
    headers = {"Content-Type": "application/json"}
    if encoding:
        body = gzip.compress(body)
        headers["Content-Encoding"] = encoding
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        print(f"  {name}{' (gzip)' if encoding else ''}: HTTP {response.status} {response.read().decode()}")
