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

    /// Field by field, without building text: requests are sorted every cycle.
    public static func < (lhs: SeriesRequest, rhs: SeriesRequest) -> Bool {
        if lhs.namespace != rhs.namespace { return lhs.namespace < rhs.namespace }
        if lhs.metricName != rhs.metricName { return lhs.metricName < rhs.metricName }
        if lhs.dimensions != rhs.dimensions { return lhs.dimensions.lexicographicallyPrecedes(rhs.dimensions) }
        if lhs.stat != rhs.stat { return lhs.stat < rhs.stat }
        if lhs.periodSeconds != rhs.periodSeconds { return lhs.periodSeconds < rhs.periodSeconds }
        return (lhs.unit ?? "") < (rhs.unit ?? "")
    }

    public var description: String {
        "\(namespace) \(metricName){\(dimensions.map(\.description).joined(separator: ","))} \(stat)/\(periodSeconds)s"
    }
}
