"""A healthy CloudWatch for the outage benchmark's peer run: answers every signed
PutMetricData (query protocol, plain or gzip) as CloudWatch does when it takes the
data, at once, and counts what it took (GET /stats).

moto_server would be the natural peer, but its query-protocol parameter parsing is
quadratic in the request's size: one request of 1,000 datums takes it about 15 s
(0.3 s for 125, 4 s for 500), so an agent publishing every second can never keep
up with it and the "healthy" run would really be a slow outage.

Listens on 127.0.0.1 only, on a port the OS picks; prints "PORT <n>" once ready.
"""
import gzip
import json
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESPONSE = (b'<PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">'
            b"<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId>"
            b"</ResponseMetadata></PutMetricDataResponse>")

totals = {"requests": 0, "datums": 0, "body_bytes": 0, "refused": 0}
totals_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def answer(self, status, body, content_type="text/xml"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != "/stats":
            self.answer(404, b"")
            return
        with totals_lock:
            self.answer(200, json.dumps(totals).encode(), "application/json")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        signed = self.headers.get("Authorization", "").startswith("AWS4-HMAC-SHA256 ")
        if not signed or b"Action=PutMetricData" not in body:
            with totals_lock:
                totals["refused"] += 1
            self.answer(400, b"<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>")
            return
        with totals_lock:
            totals["requests"] += 1
            totals["datums"] += body.count(b".MetricName=")
            totals["body_bytes"] += len(body)
        self.answer(200, RESPONSE)


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
