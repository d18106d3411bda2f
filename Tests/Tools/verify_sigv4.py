"""Recomputes a captured request's AWS Signature Version 4 with botocore.

moto does not check signatures, so the tests check curl's signing against the AWS
SDK's own implementation instead. Reads a JSON object from the file named as the argument (or stdin): method, url (as the
server saw it, including the Host), headers ([[name, value], ...]), body_base64,
region, service, access_key, secret_key. Prints JSON: the signature botocore computes
for the same signed headers and timestamp, and the one the request carried.
"""
import base64
import json
import re
import sys

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main() -> None:
    with open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin as source:
        captured = json.load(source)
    headers = {name.lower(): value for name, value in captured["headers"]}
    authorization = headers["authorization"]
    match = re.match(
        r"AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
        r"SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$",
        authorization,
    )
    if not match:
        print(json.dumps({"error": f"Authorization header has an unexpected form: {authorization}"}))
        return
    access_key, date, region, service, signed_headers, signature = match.groups()
    signed = signed_headers.split(";")

    request = AWSRequest(
        method=captured["method"],
        url=captured["url"],
        data=base64.b64decode(captured["body_base64"]),
        headers={name: headers[name] for name in signed if name in headers},
    )
    request.context["timestamp"] = headers["x-amz-date"]
    auth = SigV4Auth(
        Credentials(captured["access_key"], captured["secret_key"], headers.get("x-amz-security-token")),
        captured["service"],
        captured["region"],
    )
    canonical_request = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical_request)
    expected = auth.signature(string_to_sign, request)
    print(json.dumps({
        "expected": expected,
        "actual": signature,
        "credential_scope": f"{access_key}/{date}/{region}/{service}/aws4_request",
        "signed_headers": signed,
        "canonical_request": canonical_request,
    }))


if __name__ == "__main__":
    main()
