/// A Druid alert as the JSON line druidwatch writes to the alerts log stream: the fields
/// every alert has first, then Druid's own fields (`data.exceptionMessage`, …) as Druid
/// sent them, so that a CloudWatch Logs JSON filter (`{ $.severity = "service-failure" }`)
/// and Logs Insights can select on any of them.
public enum DruidAlertLogRecord {
    public static func json(_ alert: DruidAlertEvent) -> String {
        var text = "{\"feed\":\"alerts\""
        if let timestamp = alert.timestamp { text += ",\"timestamp\":\(timestampText(timestamp))" }
        for (key, value) in [("service", alert.service), ("host", alert.host), ("severity", alert.severity), ("description", alert.description)] {
            text += ",\(OrderedJSONWriter.quoted(key)):\(OrderedJSONWriter.quoted(value))"
        }
        let reserved: Set<String> = ["feed", "timestamp", "service", "host", "severity", "description"]
        for (key, value) in alert.fields.sorted(by: { $0.key < $1.key }) where !reserved.contains(key) {
            // Druid's values arrive as JSON text already (strings quoted, objects whole).
            text += ",\(OrderedJSONWriter.quoted(key)):\(value)"
        }
        return text + "}"
    }

    /// Milliseconds, as an ISO-8601 string: what Logs Insights recognises as a time.
    static func timestampText(_ seconds: Double) -> String {
        let parts = UTCDateParts(millisecondsSince1970: Int((seconds * 1_000).rounded()))
        let pad = UTCDateParts.padded
        return "\"\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))Z\""
    }
}
