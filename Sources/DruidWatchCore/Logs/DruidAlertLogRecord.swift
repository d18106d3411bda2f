/// A Druid alert as the JSON line druidwatch writes to the alerts log stream: the fields
/// every alert has first, then Druid's own fields nested again as Druid sent them
/// (`data.exceptionMessage` under `data`), every value a string (the parser keeps them
/// as text), so that a CloudWatch Logs JSON filter (`{ $.severity = "service-failure" }`,
/// `{ $.data.dataSource = "wikipedia" }`) and Logs Insights can select on any of them.
public enum DruidAlertLogRecord {
    public static func json(_ alert: DruidAlertEvent) -> String {
        var text = "{\"feed\":\"alerts\""
        if let timestamp = alert.timestamp { text += ",\"timestamp\":\(timestampText(timestamp))" }
        for (key, value) in [("service", alert.service), ("host", alert.host), ("severity", alert.severity), ("description", alert.description)] {
            text += ",\(OrderedJSONWriter.quoted(key)):\(OrderedJSONWriter.quoted(value))"
        }
        let reserved: Set<String> = ["feed", "timestamp", "service", "host", "severity", "description"]
        var tree: [String: Field] = [:]
        for (path, value) in alert.fields where !reserved.contains(path) {
            insert(path.split(separator: ".", omittingEmptySubsequences: false)[...], value, into: &tree)
        }
        if !tree.isEmpty { text += "," + render(tree).dropFirst().dropLast() }
        return text + "}"
    }

    private indirect enum Field {
        case value(String)
        case object([String: Field])
    }

    /// A path that is a value and also the start of longer paths keeps the value under
    /// its whole dotted name, so nothing Druid sent is lost.
    private static func insert(_ path: ArraySlice<Substring>, _ value: String, into tree: inout [String: Field]) {
        guard let first = path.first.map(String.init) else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            if tree[first] == nil { tree[first] = .value(value) } else { tree[path.joined(separator: ".")] = .value(value) }
            return
        }
        switch tree[first] {
        case nil:
            var child: [String: Field] = [:]
            insert(rest, value, into: &child)
            tree[first] = .object(child)
        case var .object(child)?:
            insert(rest, value, into: &child)
            tree[first] = .object(child)
        case .value?:
            tree[path.joined(separator: ".")] = .value(value)
        }
    }

    private static func render(_ tree: [String: Field]) -> String {
        "{" + tree.sorted { $0.key < $1.key }.map { key, field in
            let rendered = switch field {
            case let .value(text): OrderedJSONWriter.quoted(text)
            case let .object(child): render(child)
            }
            return "\(OrderedJSONWriter.quoted(key)):\(rendered)"
        }.joined(separator: ",") + "}"
    }

    /// Milliseconds, as an ISO-8601 string: what Logs Insights recognises as a time.
    static func timestampText(_ seconds: Double) -> String {
        let parts = UTCDateParts(millisecondsSince1970: Int((seconds * 1_000).rounded()))
        let pad = UTCDateParts.padded
        return "\"\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))Z\""
    }
}
