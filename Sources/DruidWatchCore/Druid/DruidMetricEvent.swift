/// One `metrics` feed event of a Druid emitter, with only the dimensions the agent
/// keeps for its metric (see `DruidBatchParser`'s dimension selection).
public struct DruidMetricEvent: Sendable, Hashable {
    public var metric: String
    public var value: Double
    public var service: String
    public var host: String
    /// Seconds since the Unix epoch.
    public var timestamp: Double
    public var dimensions: [(name: String, value: String)]

    public init(metric: String, value: Double, service: String, host: String, timestamp: Double, dimensions: [(name: String, value: String)]) {
        self.metric = metric
        self.value = value
        self.service = service
        self.host = host
        self.timestamp = timestamp
        self.dimensions = dimensions
    }

    public static func == (lhs: DruidMetricEvent, rhs: DruidMetricEvent) -> Bool {
        lhs.metric == rhs.metric && lhs.value == rhs.value && lhs.service == rhs.service && lhs.host == rhs.host
            && lhs.timestamp == rhs.timestamp && lhs.dimensions.elementsEqual(rhs.dimensions, by: { $0 == $1 })
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(metric)
        hasher.combine(value)
        hasher.combine(service)
        hasher.combine(timestamp)
    }
}
