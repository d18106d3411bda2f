/// A CloudWatch metric as ListMetrics names it: namespace, name and dimension set.
public struct MetricIdentity: Sendable, Hashable {
    public var namespace: String
    public var metricName: String
    public var dimensions: [MetricDimension]

    public init(namespace: String, metricName: String, dimensions: [MetricDimension]) {
        self.namespace = namespace
        self.metricName = metricName
        self.dimensions = dimensions
    }
}
