/// What a single-metric alarm watches and how it judges it: the alarm JSON's `Trigger`
/// object. The judging half (period, N, M, threshold, comparison, missing data) is the
/// engine's own `MetricAlarmConfiguration`, so a notification describes exactly the
/// configuration that was evaluated.
public struct MetricAlarmTrigger: Sendable, Hashable {
    public var metricName: String
    public var namespace: String
    public var statistic: AlarmStatistic
    /// CloudWatch's unit name (`Percent`, `Milliseconds`), or nil when the alarm sets none
    /// (JSON `null`, e-mail `not specified`).
    public var unit: String?
    /// In the alarm's own order, which is the order CloudWatch echoes them.
    public var dimensions: [MetricDimension]
    public var configuration: MetricAlarmConfiguration
    /// A math alarm's metrics and expression (`Trigger.Metrics`); empty for a single-metric
    /// alarm. The single-metric fields above then describe the first metric, for the e-mail.
    public var mathMetrics: [TriggerMetricQuery]

    public init(
        metricName: String,
        namespace: String,
        statistic: AlarmStatistic,
        unit: String? = nil,
        dimensions: [MetricDimension] = [],
        configuration: MetricAlarmConfiguration,
        mathMetrics: [TriggerMetricQuery] = []
    ) {
        self.metricName = metricName
        self.namespace = namespace
        self.statistic = statistic
        self.unit = unit
        self.dimensions = dimensions
        self.configuration = configuration
        self.mathMetrics = mathMetrics
    }
}
