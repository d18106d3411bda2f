"""The peer for the encoding benchmark: botocore's serializer for the AWS query protocol
(the protocol druidwatch speaks), as create_serializer('query') makes it for a client,
parameter validation included, with CloudWatch's PutMetricData operation model, on the
same requests, datum for datum, that druidwatch encodes; each turned into the form
body the way botocore's AWSRequest prepares it. Timed the same way: repeat for at
least SECONDS. (Recent boto3 clients call CloudWatch over its JSON protocol instead;
the service model still describes the query one.)

usage: botocore_query_peer.py PEER_INPUT.json SECONDS
"""
import datetime
import json
import sys
import time
import urllib.parse

import botocore.serialize
import botocore.session


def as_botocore_parameters(namespace, datums):
    metric_data = []
    for datum in datums:
        datum = dict(datum)
        datum["Timestamp"] = datetime.datetime.fromtimestamp(datum["Timestamp"], tz=datetime.timezone.utc)
        metric_data.append(datum)
    return {"Namespace": namespace, "MetricData": metric_data}


def form_body(serialized):
    # What botocore.awsrequest.AWSRequestPreparer._prepare_body does with a dict body.
    pairs = [(key.encode("utf-8"), value.encode("utf-8") if isinstance(value, str) else value)
             for key, value in serialized["body"].items()]
    return urllib.parse.urlencode(pairs, doseq=True)


def check_same_request(druidwatch_body, botocore_body):
    """Both bodies must carry the same parameters; only the timestamps' spelling may differ
    (druidwatch always writes milliseconds, botocore only when they are not zero)."""
    def parameters(body):
        pairs = urllib.parse.parse_qsl(body, keep_blank_values=True, strict_parsing=True)
        return {key: (datetime.datetime.fromisoformat(value.replace("Z", "+00:00")) if key.endswith(".Timestamp") else value)
                for key, value in pairs}
    ours, theirs = parameters(druidwatch_body), parameters(botocore_body)
    if ours != theirs:
        only_ours = sorted(set(ours.items()) - set(theirs.items()), key=str)[:5]
        only_theirs = sorted(set(theirs.items()) - set(ours.items()), key=str)[:5]
        sys.exit(f"druidwatch and botocore encode different requests: {only_ours} vs {only_theirs}")
    return len(ours)


def main():
    path, seconds = sys.argv[1], float(sys.argv[2])
    with open(path, "rb") as file:
        peer_input = json.load(file)
    namespace = peer_input["namespace"]
    requests = [as_botocore_parameters(namespace, datums) for datums in peer_input["requests"]]
    datums = sum(len(request["MetricData"]) for request in requests)

    operation = botocore.session.get_session().get_service_model("cloudwatch").operation_model("PutMetricData")
    serializer = botocore.serialize.create_serializer("query")
    parameters = check_same_request(peer_input["first_druidwatch_body"], form_body(serializer.serialize_to_request(requests[0], operation)))

    rounds = 0
    body_bytes = 0
    start = time.perf_counter()
    while True:
        body_bytes = 0
        for request in requests:
            body_bytes += len(form_body(serializer.serialize_to_request(request, operation)))
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    print(json.dumps({"stage": "encode", "peer": f"botocore {botocore.__version__}", "datums": datums,
                      "requests": len(requests), "rounds": rounds, "seconds": elapsed, "body_bytes": body_bytes,
                      "datums_per_second": int(rounds * datums / elapsed),
                      "checked_parameters_of_first_request": parameters}))


if __name__ == "__main__":
    main()
