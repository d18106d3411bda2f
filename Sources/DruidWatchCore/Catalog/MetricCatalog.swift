/// The metrics druidwatch understands, by Druid name.
///
/// `druidStandard` holds every standard Druid metric, generated from Druid's own
/// emitter maps and metrics documentation (see `DruidMetricCatalog+Standard.swift` and
/// `scripts/generate-metric-catalog.py`, which also lists and explains every place
/// where the catalog departs from those maps). Configuration can replace or add
/// entries with `overriding(_:)`.
public struct MetricCatalog: Sendable {
    /// In order: the standard ones sorted by name, then any added by overrides.
    public let entries: [MetricCatalogEntry]
    private let positions: [String: Int]
    /// Prometheus-formatted name (without namespace) to Druid name, for the names that
    /// exactly one entry formats to.
    private let prometheusNames: [String: String]

    /// A catalog of `entries`; when two share a name, the later one replaces the
    /// earlier one in its position.
    public init(entries: [MetricCatalogEntry]) {
        var kept: [MetricCatalogEntry] = []
        var positions: [String: Int] = [:]
        kept.reserveCapacity(entries.count)
        for entry in entries {
            if let position = positions[entry.name] {
                kept[position] = entry
            } else {
                positions[entry.name] = kept.count
                kept.append(entry)
            }
        }
        self.entries = kept
        self.positions = positions

        var byPrometheusName: [String: String] = [:]
        var ambiguous: Set<String> = []
        for entry in kept {
            let formatted = Self.prometheusFormatted(entry.name)
            if byPrometheusName.updateValue(entry.name, forKey: formatted) != nil {
                ambiguous.insert(formatted)
            }
        }
        for formatted in ambiguous {
            byPrometheusName[formatted] = nil
        }
        self.prometheusNames = byPrometheusName
    }

    /// Every standard Druid metric.
    public static let druidStandard = MetricCatalog(entries: standardEntries)

    public func entry(for name: String) -> MetricCatalogEntry? {
        positions[name].map { entries[$0] }
    }

    /// This catalog with `overrides` applied: an override replaces the entry of the
    /// same name (keeping its position), or is added at the end.
    public func overriding(_ overrides: [MetricCatalogEntry]) -> MetricCatalog {
        overrides.isEmpty ? self : MetricCatalog(entries: entries + overrides)
    }

    /// The Druid name behind a name exported by Druid's Prometheus emitter, e.g.
    /// `druid_query_time` → `query/time`; nil when no entry formats to it or when
    /// several do (`sys/la/1` and `sys/la/5` both become `druid_sys_la__`).
    ///
    /// The emitter lower-cases the Druid name, turns every run of characters that
    /// starts with anything but an ASCII letter, `_` or `:` and continues with
    /// anything but an ASCII letter, digit, `_` or `:` into one `_` (so `/` becomes `_`,
    /// and so does each digit: `sys/tcpv4/in/segs` → `sys_tcpv_in_segs`), and prefixes
    /// `namespace_`. Names must match exactly; the suffixes Prometheus adds to
    /// histogram and counter series (`_bucket`, `_sum`, `_count`, `_total`) are not
    /// stripped, since real names end in `_count` too.
    public func druidName(forPrometheusName name: String, namespace: String = "druid") -> String? {
        let prefix = namespace + "_"
        guard name.hasPrefix(prefix) else { return nil }
        return prometheusNames[String(name.dropFirst(prefix.count))]
    }

    /// The name Druid's Prometheus emitter exports `druidName` under.
    public static func prometheusName(for druidName: String, namespace: String = "druid") -> String {
        namespace + "_" + prometheusFormatted(druidName)
    }

    private static func prometheusFormatted(_ druidName: String) -> String {
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        func isMarker(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") }
        // Bytes outside ASCII never start or continue a kept run, so working on UTF-8
        // bytes gives the same result as working on characters.
        var output: [UInt8] = []
        var inReplacedRun = false
        for byte in druidName.lowercased().utf8 {
            if inReplacedRun, !isLetter(byte), !isDigit(byte), !isMarker(byte) {
                continue  // the run goes on; it is already one "_"
            }
            if isLetter(byte) || isMarker(byte) {
                output.append(byte)
                inReplacedRun = false
            } else {
                output.append(UInt8(ascii: "_"))
                inReplacedRun = true
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Dimensions whose values are (nearly) unique per query, task, segment or upload.
    /// Each value would be a CloudWatch metric of its own, billed for a month and
    /// useless for alarms, so no catalog entry keeps one; the generator fails if an
    /// emitter map ever does.
    public static let highCardinalityDimensions: Set<String> = [
        // Per query: Druid's query ids, its context map, the client's address.
        "id", "queryId", "sqlQueryId", "context", "remoteAddress",
        // Per segment, task and the query's time range.
        "segment", "taskId", "interval", "duration",
        // sqlQuery/*: the ids of the native queries a SQL query ran (a list per query).
        "nativeQueryIds",
        // subquery/*: one id per subquery.
        "subqueryId",
        // ingest/shuffle/*: the id of the parallel task that shuffles.
        "supervisorTaskId",
        // Task metrics: the task group id, which for most batch tasks is the task id.
        "groupId",
        // s3/upload/*: one id per multi-part upload, and its part numbers.
        "uploadId", "partNumber",
        // Ingestion metrics: the `tags` map from the ingestion spec's context, whatever
        // the user put in it.
        "tags",
    ]
}
