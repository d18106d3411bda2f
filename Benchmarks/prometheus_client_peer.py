"""The peer for the Prometheus text parsing comparison: the Python client library's
own parser (prometheus_client.parser.text_string_to_metric_families) on the same
exposition, every sample taken out of it, timed the same way (repeat for at least
SECONDS, one core).

usage: prometheus_client_peer.py EXPOSITION.txt SECONDS
"""
import json
import sys
import time

from prometheus_client.parser import text_string_to_metric_families


def parse(text):
    return sum(len(family.samples) for family in text_string_to_metric_families(text))


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    # Decoding is left out of the timing: the parser takes a str.
    text = open(path, "rb").read().decode("utf-8")
    per_scrape = parse(text)
    rounds = samples = 0
    start = time.perf_counter()
    while True:
        samples += parse(text)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    print(json.dumps({"peer": "prometheus_client", "samples_per_scrape": per_scrape, "rounds": rounds,
                      "seconds": elapsed, "samples_per_second": int(samples / elapsed)}))


if __name__ == "__main__":
    main()
