/// One series as the evaluator reads it: a CloudWatch metric with a statistic and a
/// period. Rules that read the same series share one request, so it is fetched (and
/// billed) once per period whatever the number of rules.
public struct SeriesRequest: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var namespace: String
    public var metricName: String
    /// Sorted by name, so that equal series compare equal however a listing ordered them.
    public var dimensions: [MetricDimension]
    public var stat: String
    public var periodSeconds: Int
    public var unit: String?

    public init(metric: MetricIdentity, stat: String, periodSeconds: Int, unit: MetricUnit? = nil) {
        namespace = metric.namespace
        metricName = metric.metricName
        dimensions = metric.dimensions.sorted()
        self.stat = stat
        self.periodSeconds = periodSeconds
        self.unit = unit?.rawValue
    }

    public var metric: MetricIdentity {
        MetricIdentity(namespace: namespace, metricName: metricName, dimensions: dimensions)
    }

    public static func < (lhs: SeriesRequest, rhs: SeriesRequest) -> Bool {
        lhs.description < rhs.description
    }

    public var description: String {
        "\(namespace) \(metricName){\(dimensions.map(\.description).joined(separator: ","))} \(stat)/\(periodSeconds)s"
    }
}
