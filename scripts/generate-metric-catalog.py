#!/usr/bin/env python3
"""Generate druidwatch's catalog of standard Druid metrics.

The facts come from three files in the apache/druid repository, downloaded by hand
(they are not vendored here):

  --prometheus  extensions-contrib/prometheus-emitter/src/main/resources/defaultMetrics.json
  --statsd      extensions-contrib/statsd-emitter/src/main/resources/defaultMetricDimensions.json
  --docs        docs/operations/metrics.md

and the output is a Swift source file in our own format (an array of
`MetricCatalogEntry` literals), by default written to stdout:

  scripts/generate-metric-catalog.py \\
      --prometheus /tmp/druid-catalog-src/defaultMetrics.json \\
      --statsd /tmp/druid-catalog-src/statsdDefaultMetricDimensions.json \\
      --docs /tmp/druid-catalog-src/metrics.md \\
      --output Sources/DruidWatchCore/Catalog/DruidMetricCatalog+Standard.swift

Which file decides what:

* The metric list is the union of the three files. A name that appears in none of
  our rule tables below and that the rules cannot place makes the script fail, so a
  newer upstream file forces a deliberate decision instead of a silent guess.
* Dimensions: the Prometheus emitter's map is Druid's own choice of the dimensions
  worth a time series, so it wins. Metrics only in the statsd map take that map's
  list. Metrics only in metrics.md take the documented dimensions minus the
  high-cardinality ones and minus the ones listed in NOT_WORTH_KEEPING.
* Kind: Prometheus `count` -> counter, `gauge` (and the upstream typo `guage`) ->
  gauge, `timer` -> timer; then the reclassifications in KIND_OVERRIDES, each with
  the reason. Metrics only in metrics.md get their kind from DOCS_ONLY_KIND.
* Unit and scale: Druid's own unit, as stated in metrics.md ("Milliseconds ...",
  "Microseconds ...", "... in nanoseconds") and implied by the Prometheus emitter's
  `conversionFactor` (1000 for ms, 1e6 for us, 1e9 for ns). CloudWatch has no
  nanoseconds, so nanosecond values become Microseconds with scale 0.001. Byte
  amounts are Bytes, percentages Percent (fractions get scale 100), rates per
  second Count/Second, everything else Count (amounts of things) or None
  (indicators, ratios, factors).
* Description: the first informative sentence of metrics.md (else the emitter's
  help text), with the documented "Normal value" appended when it says something.

The output is deterministic: entries are sorted by name, and nothing depends on
dictionary order, time or the environment.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field

# The upstream versions the committed catalog was generated from (each file was
# taken at its own commit); they only go into the output's header.
DEFAULT_COMMITS = {
    "prometheus": "0142eaaf7ef90f05504cd5d74c95105250be6d76",
    "statsd": "10fc4f83e2e8aa826975f9879677b32e5b47734c",
    "docs": "001321d233593fe354d15356865d6089e135f25e",
}
UPSTREAM_PATHS = {
    "prometheus": "extensions-contrib/prometheus-emitter/src/main/resources/defaultMetrics.json",
    "statsd": "extensions-contrib/statsd-emitter/src/main/resources/defaultMetricDimensions.json",
    "docs": "docs/operations/metrics.md",
}

# Must match MetricCatalog.highCardinalityDimensions in
# Sources/DruidWatchCore/Catalog/MetricCatalog.swift (a test checks the output).
HIGH_CARDINALITY = {
    "id", "queryId", "sqlQueryId", "context", "remoteAddress", "segment", "taskId",
    "interval", "duration",
    "nativeQueryIds", "subqueryId", "supervisorTaskId", "groupId", "uploadId",
    "partNumber", "tags",
}

# Documented dimensions that are bounded but not worth a CloudWatch series of their
# own (each one multiplies the number of series). Only applied to metrics that the
# emitter maps do not cover; the maps already leave all of these out.
NOT_WORTH_KEEPING = {
    # Query shape descriptors: every distinct query shape would split the series.
    "hasFilters", "numMetrics", "numComplexMetrics", "numDimensions", "threshold",
    "dimension", "vectorized", "status", "success", "engine",
    # One value per process or per deployment: say nothing that the host does not.
    "jvmVersion", "workerVersion",
    # Redundant with a kept dimension (netName, fsDevName/fsDirName, taskType).
    "netAddress", "netHwaddr", "fsTypeName", "fsSysTypeName", "fsOptions",
    "taskActionType",
    # Coordinator's free-text reason for skipping a segment.
    "description",
    # Task outcome on task/run/time: the kept taskType is enough for a duration.
    "taskStatus",
    "segmentAvailabilityConfirmed",
}

# Reclassifications of the emitter maps' types. Every one is deliberate.
KIND_OVERRIDES: dict[str, tuple[str, str]] = {}


def _override(kind: str, reason: str, *names: str) -> None:
    for name in names:
        assert name not in KIND_OVERRIDES, name
        KIND_OVERRIDES[name] = (kind, reason)


# Druid "count" metrics that are really levels: the value is the state at emission
# time, not an amount since the last emission. A CloudWatch period can hold two
# emissions, and summing two levels doubles them, so these are gauges.
_override("gauge", "current waiters (metrics.md: 'Number of requests waiting')",
          "mergeBuffer/pendingRequests")
_override("gauge", "size of a cache ('for which schema is cached')",
          "schemacache/realtime/count", "schemacache/finalizedSegmentMetadata/count",
          "schemacache/finalizedSchemaPayload/count", "schemacache/inTransitSMQResults/count",
          "schemacache/inTransitSMQPublishedResults/count")
_override("gauge", "sinks currently not handed off", "ingest/sink/count")
_override("gauge", "the autoscaler's current target", "task/autoScaler/requiredCount")
_override("gauge", "'Number of current ... tasks'",
          "task/running/count", "task/pending/count", "task/waiting/count")
_override("gauge", "state of each tier ('in each tier')",
          "tier/historical/count", "tier/replication/factor", "tier/required/capacity",
          "tier/total/capacity")
_override("gauge", "compaction state of a datasource (the /bytes twins are gauges already)",
          "segment/waitCompact/count", "interval/waitCompact/count", "segment/compacted/count",
          "interval/compacted/count", "segment/skipCompact/count", "interval/skipCompact/count")

# "gauge" metrics that are really amounts since the previous emission: summing them
# per period is right, and a counter publishes that sum as the period's one value.
_override("counter", "metrics.md: 'Cache metrics since the last emission'",
          "query/cache/delta/numEntries", "query/cache/delta/sizeBytes", "query/cache/delta/hits",
          "query/cache/delta/misses", "query/cache/delta/evictions", "query/cache/delta/timeouts",
          "query/cache/delta/errors", "query/cache/delta/put/ok", "query/cache/delta/put/error",
          "query/cache/delta/put/oversized")
_override("counter", "(Oshi)SysMonitor emits the difference since its previous run",
          "sys/swap/pageIn", "sys/swap/pageOut", "sys/disk/read/count", "sys/disk/write/count",
          "sys/disk/read/size", "sys/disk/write/size", "sys/disk/transferTime",
          "sys/net/read/size", "sys/net/write/size", "sys/net/read/packets",
          "sys/net/write/packets", "sys/net/read/errors", "sys/net/write/errors",
          "sys/net/read/dropped", "sys/net/write/collisions",
          "sys/tcpv4/activeOpens", "sys/tcpv4/passiveOpens", "sys/tcpv4/attemptFails",
          "sys/tcpv4/estabResets", "sys/tcpv4/in/segs", "sys/tcpv4/in/errs",
          "sys/tcpv4/out/segs", "sys/tcpv4/out/rsts", "sys/tcpv4/retrans/segs")
_override("counter", "metrics.md lists it among the per-period deltas; time blocked in the period",
          "ingest/persists/backPressure")

_override("gauge", "a balancer cost computed in each coordinator run, not an amount",
          "segment/cost/raw", "segment/cost/normalization", "segment/cost/normalized")

# "timer" metrics that are levels, not one measurement per event.
_override("gauge", "seconds since boot, re-emitted every period", "sys/uptime")
_override("gauge", "how long sync has been failing so far, re-emitted every period",
          "serverview/sync/unstableTime")

# Metrics documented in metrics.md but absent from both emitter maps: their kind.
DOCS_ONLY_KIND = {
    "query/node/backpressure": "timer",
    "query/segments/count": "counter",
    "query/priority": "gauge",
    "subquery/rows": "counter",
    "subquery/bytes": "counter",
    "subquery/rowLimit/count": "counter",
    "subquery/byteLimit/count": "counter",
    "subquery/fallback/count": "counter",
    "subquery/fallback/insufficientType/count": "counter",
    "subquery/fallback/unknownReason/count": "counter",
    "query/rowLimit/exceeded/count": "counter",
    "query/byteLimit/exceeded/count": "counter",
    "ingest/kinesis/lag/time": "gauge",
    "ingest/kinesis/maxLag/time": "gauge",
    "ingest/kinesis/avgLag/time": "gauge",
    "ingest/kinesis/partitionLag/time": "gauge",
    "task/action/log/time": "timer",
    # Slots are levels even though metrics.md says "per emission period".
    "taskSlot/total/count": "gauge",
    "taskSlot/idle/count": "gauge",
    "taskSlot/used/count": "gauge",
    "taskSlot/lazy/count": "gauge",
    "taskSlot/blacklisted/count": "gauge",
    "worker/taskSlot/idle/count": "gauge",
    "worker/taskSlot/total/count": "gauge",
    "worker/taskSlot/used/count": "gauge",
    "worker/task/running/count": "gauge",
    "worker/task/failed/count": "counter",
    "worker/task/success/count": "counter",
    "worker/task/assigned/count": "counter",
    "worker/task/completed/count": "counter",
    "ingest/shuffle/bytes": "counter",
    "ingest/shuffle/requests": "counter",
    "segment/loading/rateKbps": "gauge",
    "metadatacache/realtimeSegmentSchema/count": "gauge",
    "metadatacache/finalizedSegmentMetadata/count": "gauge",
    "metadatacache/finalizedSchemaPayload/count": "gauge",
    "metadatacache/temporaryMetadataQueryResults/count": "gauge",
    "metadatacache/temporaryPublishedMetadataQueryResults/count": "gauge",
    "metadatacache/deepStorageOnly/segment/count": "gauge",
    "metadatacache/deepStorageOnly/refresh/count": "gauge",
    "metadatacache/deepStorageOnly/process/time": "timer",
    "segment/rowCount/avg": "gauge",
    "segment/rowCount/range/count": "gauge",
    "sys/la/1": "gauge",
    "sys/la/5": "gauge",
    "sys/la/15": "gauge",
    "s3/upload/part/queueSize": "gauge",
    "s3/upload/part/queuedTime": "timer",
    "s3/upload/part/time": "timer",
    "s3/upload/total/time": "timer",
    "s3/upload/total/bytes": "counter",
    "cgroup/cpu/shares": "gauge",
    "cgroup/cpu/cores_quota": "gauge",
    "cgroup/cpu/usage/total/percentage": "gauge",
    "cgroup/cpu/usage/user/percentage": "gauge",
    "cgroup/cpu/usage/sys/percentage": "gauge",
    # Per-period differences of the cgroup's blkio counters.
    "cgroup/disk/read/size": "counter",
    "cgroup/disk/write/size": "counter",
    "cgroup/disk/read/count": "counter",
    "cgroup/disk/write/count": "counter",
    "cgroup/memory/limit/bytes": "gauge",
    "cgroup/memory/usage/bytes": "gauge",
    "cgroup/cpuset/cpu_count": "gauge",
    "cgroup/cpuset/effective_cpu_count": "gauge",
    "cgroup/cpuset/mems_count": "gauge",
    "cgroup/cpuset/effective_mems_count": "gauge",
}

# metrics.md rows that name a family rather than one metric.
DOCS_EXPANSIONS = {"sys/la/{i}": ["sys/la/1", "sys/la/5", "sys/la/15"]}
# Families we cannot enumerate (the names come from the cache client or the kernel),
# plus the cache table's "*/..." rows, which the emitter map spells out already.
DOCS_SKIP_PATTERN = re.compile(r"[*{]|^query/cache/memcached/")

# Metrics only in the statsd map. Kept ones are older spellings that older Druid
# versions still emit (the statsd map has no help text, so the description is ours);
# skipped ones were never emitted under that name.
STATSD_ONLY = {
    "query/intervalChunk/time": "keep: Milliseconds to query one interval chunk (Druid before 0.17).",
    "segment/cost/raw": "keep: Raw balancer cost of a tier's segment placement (Druid before 26).",
    "segment/cost/normalization": "keep: Balancer cost normalization of a tier (Druid before 26).",
    "segment/cost/normalized": "keep: Normalized balancer cost of a tier (Druid before 26).",
    "jvm/gc/time": "keep: Milliseconds spent in garbage collection (older JvmMonitor; now jvm/gc/cpu).",
    "ingest/persist/count": "skip: misspelling of ingest/persists/count",
    "ingest/persist/time": "skip: misspelling of ingest/persists/time",
    "ingest/persist/cpu": "skip: misspelling of ingest/persists/cpu",
    "ingest/persist/backPressure": "skip: misspelling of ingest/persists/backPressure",
    "ingest/persist/failed": "skip: misspelling of ingest/persists/failed",
    "ingest/events/buffered": "skip: malformed entry (one dimension 'serviceName, bufferCapacity')",
    "coordinator-segment/count": "skip: pre-0.9 name of segment/count",
    "historical-segment/count": "skip: pre-0.9 name of segment/count",
}


# Units that the generic rules below would get wrong or cannot know.
UNIT_OVERRIDES: dict[str, tuple[str, float]] = {
    "sys/uptime": ("seconds", 1),  # OSHI reports seconds (the emitter map assumes ms)
    "sys/cpu": ("percent", 1),  # already 0..100
    "sys/disk/transferTime": ("milliseconds", 1),
    "sys/swap/pageIn": ("count", 1),  # pages, not bytes
    "sys/swap/pageOut": ("count", 1),
    "kafka/consumer/fetchLatencyAvg": ("milliseconds", 1),  # Kafka client's fetch-latency-avg
    "kafka/consumer/fetchLatencyMax": ("milliseconds", 1),
    "kafka/consumer/fetchRate": ("countPerSecond", 1),
    "segment/loading/rateKbps": ("kilobitsPerSecond", 1),
    "ingest/events/messageGap": ("milliseconds", 1),
    "ingest/persists/backPressure": ("milliseconds", 1),
    "ingest/kinesis/lag/time": ("milliseconds", 1),
    "ingest/kinesis/maxLag/time": ("milliseconds", 1),
    "ingest/kinesis/avgLag/time": ("milliseconds", 1),
    "ingest/kinesis/partitionLag/time": ("milliseconds", 1),
    # Fractions 0..1, published as percentages.
    "segment/usedPercent": ("percent", 100),
    "query/cache/delta/hitRate": ("percent", 100),
    "query/cache/total/hitRate": ("percent", 100),
    "jetty/threadPool/utilizationRate": ("percent", 100),
    # Byte amounts whose names and help texts do not say so.
    "jvm/pool/committed": ("bytes", 1), "jvm/pool/init": ("bytes", 1),
    "jvm/pool/max": ("bytes", 1), "jvm/pool/used": ("bytes", 1),
    "jvm/mem/committed": ("bytes", 1), "jvm/mem/init": ("bytes", 1),
    "jvm/mem/max": ("bytes", 1), "jvm/mem/used": ("bytes", 1),
    "jvm/bufferpool/used": ("bytes", 1), "jvm/bufferpool/capacity": ("bytes", 1),
    "sys/swap/free": ("bytes", 1), "sys/swap/max": ("bytes", 1),
    "sys/mem/used": ("bytes", 1), "sys/mem/max": ("bytes", 1), "sys/mem/free": ("bytes", 1),
    "sys/storage/used": ("bytes", 1), "segment/max": ("bytes", 1), "segment/size": ("bytes", 1),
    "cgroup/memory/usage/bytes": ("bytes", 1),
    # Indicators, ratios and factors: no unit.
    "jetty/threadPool/isLowOnThreads": ("none", 1),
    "serverview/sync/healthy": ("none", 1),
    "zk/connected": ("none", 1),
    "service/heartbeat": ("none", 1),
    "tier/replication/factor": ("none", 1),
    "query/priority": ("none", 1),
    "sys/la/1": ("none", 1), "sys/la/5": ("none", 1), "sys/la/15": ("none", 1),
    "cgroup/cpu/shares": ("none", 1),
    "segment/cost/raw": ("none", 1), "segment/cost/normalization": ("none", 1),
    "segment/cost/normalized": ("none", 1),
    "cgroup/cpu/cores_quota": ("none", 1),
}

SWIFT_UNITS = {
    "seconds", "microseconds", "milliseconds", "bytes", "percent", "count",
    "countPerSecond", "kilobitsPerSecond", "none",
}


@dataclass
class DocRow:
    description: str
    dimensions: list[str]
    normal: str


@dataclass
class Entry:
    name: str
    kind: str
    unit: str
    scale: float
    dimensions: list[str]
    description: str
    sources: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------
# Reading the upstream files


def read_emitter_map(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        sys.exit(f"{path}: expected a JSON object of metrics")
    return data


IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def read_docs(path: str) -> dict[str, list[DocRow]]:
    """Rows of every metrics table in metrics.md, by metric name, in file order."""
    rows: dict[str, list[DocRow]] = {}
    columns: list[str] | None = None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line.startswith("|"):
                columns = None
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if columns is None:
                columns = [c.lower() for c in cells]
                continue
            if columns[0] != "metric" or set(cells[0]) <= {"-"}:
                continue
            match = re.fullmatch(r"`([^`]+)`", cells[0])
            if not match:
                continue
            cell = dict(zip(columns, cells))
            dims_cell = cell.get("dimensions", "")
            if "module is included" in dims_cell:
                dims: list[str] = []  # a note about the monitor, not dimensions
            else:
                dims = [d for d in re.findall(r"`([^`]+)`", dims_cell) if IDENT.match(d)]
            normal = cell.get("normal value", "")
            names = DOCS_EXPANSIONS.get(match.group(1), [match.group(1)])
            for name in names:
                rows.setdefault(name, []).append(DocRow(cell.get("description", ""), dims, normal))
    return rows


# ---------------------------------------------------------------------------------
# Text


def plain(text: str) -> str:
    """Markdown cell -> plain one-line text."""
    text = re.sub(r"<br\s*/?>", " ", text)
    text = re.sub(r"</?p>", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links
    text = text.replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


BOILERPLATE = re.compile(
    r"^(This metric is (only|not)|This metric can|Emitted only|Refer to|See |"
    r"If you want|You can use|Note that|Currently only)"
)


def first_sentence(text: str) -> str:
    """The first informative sentence, plus the next ones while it is very short
    ("Time to first byte." says little without the sentence after it)."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", plain(text))
                 if s and not BOILERPLATE.match(s)]
    result = ""
    for sentence in sentences:
        result = f"{result} {sentence}".strip()
        if len(result) >= 40:
            break
    if result and not result.endswith((".", "!", "?")):
        result += "."
    return result


# Descriptions of names that the docs only give as a family.
DESCRIPTION_OVERRIDES = {
    "sys/la/1": "System CPU load average over the past minute.",
    "sys/la/5": "System CPU load average over the past 5 minutes.",
    "sys/la/15": "System CPU load average over the past 15 minutes.",
}


UNINFORMATIVE_NORMAL = {"", "varies", "varies.", "n/a", "variable"}


def describe(name: str, docs: list[DocRow] | None, help_text: str | None) -> str:
    text = DESCRIPTION_OVERRIDES.get(name, "")
    normal = ""
    if docs:
        text = text or first_sentence(docs[0].description)
        normal = plain(docs[0].normal)
    if not text and help_text:
        text = first_sentence(help_text)
    if not text and STATSD_ONLY.get(name, "").startswith("keep: "):
        text = STATSD_ONLY[name].removeprefix("keep: ")
    if not text:
        sys.exit(f"{name}: no description in any source")
    if normal.lower() not in UNINFORMATIVE_NORMAL:
        text = f"{text} Normal: {normal.rstrip('.')}."
    return text


# ---------------------------------------------------------------------------------
# Deciding


def unit_for(name: str, kind: str, prom: dict | None, docs: list[DocRow] | None,
             help_text: str) -> tuple[str, float]:
    if name in UNIT_OVERRIDES:
        return UNIT_OVERRIDES[name]
    doc_text = " ".join(d.description for d in docs or [])
    both = f"{doc_text} {help_text}"
    factor = (prom or {}).get("conversionFactor")
    lowered = name.lower()

    # Nanoseconds first: the name says so, or the emitter divides by 1e9, or the text does.
    if name.endswith("TimeNs") or factor == 1e9 or "nanoseconds" in both.lower():
        return ("microseconds", 0.001)
    if factor == 1e6 or doc_text.startswith("Microseconds"):
        return ("microseconds", 1)
    if kind == "timer" or factor == 1000.0:
        if not (factor in (None, 1000.0)):
            sys.exit(f"{name}: unexpected conversionFactor {factor}")
        return ("milliseconds", 1)
    if "percent" in lowered:
        return ("percent", 1)
    # "bytes" in the name, or the word in Druid's text ("Size in bytes of ...",
    # "Bytes written ...", "Filesystem bytes used"); "size" alone is not enough
    # (jetty/threadPool/queueSize, task/action/batch/size count things).
    if "bytes" in lowered or re.search(r"\b[Bb]ytes\b", both):
        return ("bytes", 1)
    return ("count", 1)


def decide(name: str, prom: dict | None, statsd: dict | None, docs: list[DocRow] | None) -> Entry:
    sources = [s for s, v in (("prometheus", prom), ("statsd", statsd), ("docs", docs)) if v]
    if name in KIND_OVERRIDES:
        kind = KIND_OVERRIDES[name][0]
    elif prom is not None or statsd is not None:
        raw = (prom or statsd)["type"]
        kind = {"count": "counter", "gauge": "gauge", "guage": "gauge", "timer": "timer"}.get(raw)
        if kind is None:
            sys.exit(f"{name}: unknown emitter type {raw!r}")
    elif name in DOCS_ONLY_KIND:
        kind = DOCS_ONLY_KIND[name]
    else:
        sys.exit(f"{name}: only in metrics.md and not in DOCS_ONLY_KIND; decide its kind")

    if prom is not None:
        dims = list(prom["dimensions"])
    elif statsd is not None:
        dims = list(statsd["dimensions"])
    else:
        dims = []
        for row in docs or []:
            for d in row.dimensions:
                if d not in dims and d not in HIGH_CARDINALITY and d not in NOT_WORTH_KEEPING:
                    dims.append(d)
    kept_high = [d for d in dims if d in HIGH_CARDINALITY]
    if kept_high:
        sys.exit(f"{name}: emitter map keeps high-cardinality {kept_high}")

    help_text = (prom or {}).get("help", "")
    unit, scale = unit_for(name, kind, prom, docs, help_text)
    if unit not in SWIFT_UNITS:
        sys.exit(f"{name}: unit {unit} has no case in SWIFT_UNITS")
    return Entry(name, kind, unit, scale, dims, describe(name, docs, help_text), sources)


def build(prom_map: dict, statsd_map: dict, docs: dict[str, list[DocRow]]) -> list[Entry]:
    names: set[str] = set(prom_map) | set(docs)
    for name, decision in STATSD_ONLY.items():
        if name not in statsd_map:
            sys.exit(f"{name}: listed in STATSD_ONLY but not in the statsd map")
    for name in statsd_map:
        if name in prom_map or name in docs:
            names.add(name)
        elif name not in STATSD_ONLY:
            sys.exit(f"{name}: only in the statsd map and not in STATSD_ONLY; decide")
        elif STATSD_ONLY[name].startswith("keep: "):
            names.add(name)
    names = {n for n in names if not DOCS_SKIP_PATTERN.search(n)}
    for name in list(KIND_OVERRIDES) + list(DOCS_ONLY_KIND) + list(UNIT_OVERRIDES) + list(DESCRIPTION_OVERRIDES):
        if name not in names:
            sys.exit(f"{name}: named in a rule table but in no source")
    entries = []
    for name in sorted(names):
        statsd = statsd_map.get(name) if name not in prom_map else None
        entries.append(decide(name, prom_map.get(name), statsd, docs.get(name)))
    return entries


# ---------------------------------------------------------------------------------
# Writing


def swift_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def swift_double(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(float(value))


def render(entries: list[Entry], commits: dict[str, str]) -> str:
    out = [
        "// Generated by scripts/generate-metric-catalog.py; do not edit.",
        "//",
        "// To regenerate, see the usage at the top of that script.",
        "//",
        "// Derived from apache/druid (facts only, in our own format):",
    ]
    for key in ("prometheus", "statsd", "docs"):
        out.append(f"//   {UPSTREAM_PATHS[key]} @ {commits[key]}")
    kinds = {k: sum(1 for e in entries if e.kind == k) for k in ("counter", "gauge", "timer")}
    out += [
        f"// {len(entries)} metrics: {kinds['counter']} counters, {kinds['gauge']} gauges, "
        f"{kinds['timer']} timers.",
        "",
        "extension MetricCatalog {",
        "    /// Every standard Druid metric, sorted by name.",
        "    static let standardEntries: [MetricCatalogEntry] = [",
    ]
    for e in entries:
        dims = "[" + ", ".join(swift_string(d) for d in e.dimensions) + "]"
        out.append(
            f"        MetricCatalogEntry(name: {swift_string(e.name)}, kind: .{e.kind}, "
            f"unit: .{e.unit}, scale: {swift_double(e.scale)}, dimensions: {dims},"
        )
        out.append(f"                           description: {swift_string(e.description)}),")
    out += ["    ]", "}", ""]
    return "\n".join(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prometheus", required=True, help="defaultMetrics.json of the Prometheus emitter")
    parser.add_argument("--statsd", required=True, help="defaultMetricDimensions.json of the statsd emitter")
    parser.add_argument("--docs", required=True, help="docs/operations/metrics.md")
    for key in ("prometheus", "statsd", "docs"):
        parser.add_argument(f"--{key}-commit", default=DEFAULT_COMMITS[key],
                            help=f"apache/druid commit of the {key} file (for the header)")
    parser.add_argument("--output", "-o", help="write here instead of stdout")
    parser.add_argument("--report", action="store_true",
                        help="print the reclassified metrics and the sources of each entry to stderr")
    args = parser.parse_args(argv)

    entries = build(read_emitter_map(args.prometheus), read_emitter_map(args.statsd), read_docs(args.docs))
    commits = {k: getattr(args, f"{k}_commit") for k in ("prometheus", "statsd", "docs")}
    text = render(entries, commits)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.report:
        for name, (kind, reason) in sorted(KIND_OVERRIDES.items()):
            print(f"reclassified {name} -> {kind}: {reason}", file=sys.stderr)
        for e in entries:
            print(f"{e.name}\t{e.kind}\t{e.unit}\t{e.scale}\t{e.dimensions}\t{'+'.join(e.sources)}",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
