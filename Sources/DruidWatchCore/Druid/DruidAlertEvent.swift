/// One `alerts` feed event: something a Druid process itself judged to be wrong
/// (`anomaly`, `component-failure`, `service-failure`). Kept whole, because the
/// responder needs the exception and the segment that Druid put in `data`.
public struct DruidAlertEvent: Sendable, Hashable {
    public var service: String
    public var host: String
    public var severity: String
    public var description: String
    /// Seconds since the Unix epoch, when Druid gave a readable timestamp.
    public var timestamp: Double?
    /// Every other field, flattened to `data.exceptionType`-style paths: strings decoded,
    /// numbers, booleans, nulls and arrays as their JSON text.
    public var fields: [String: String]

    public init(service: String, host: String, severity: String, description: String, timestamp: Double?, fields: [String: String]) {
        self.service = service
        self.host = host
        self.severity = severity
        self.description = description
        self.timestamp = timestamp
        self.fields = fields
    }
}
