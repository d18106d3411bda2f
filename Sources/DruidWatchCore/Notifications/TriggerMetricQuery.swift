/// One entry of a math alarm's `Trigger.Metrics` in CloudWatch's alarm JSON: a metric
/// with its statistic, or the expression over them (the one with `ReturnData` true).
public struct TriggerMetricQuery: Sendable, Hashable {
    public var id: String
    public var expression: String?
    public var label: String?
    public var returnData: Bool
    /// For a metric entry: what it reads.
    public var metric: MetricIdentity?
    public var periodSeconds: Int?
    public var stat: String?

    public init(id: String, expression: String? = nil, label: String? = nil, returnData: Bool, metric: MetricIdentity? = nil, periodSeconds: Int? = nil, stat: String? = nil) {
        self.id = id
        self.expression = expression
        self.label = label
        self.returnData = returnData
        self.metric = metric
        self.periodSeconds = periodSeconds
        self.stat = stat
    }
}
