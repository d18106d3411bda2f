/// A CloudWatch `SEARCH()` over one metric of the agent's namespace (reference §2.8),
/// without a schema: the agent's series of one metric carry different dimension sets
/// (`InstanceId` and `AutoScalingGroupName` on EC2, `Host` elsewhere, static dimensions,
/// rollups), and a schema would only find one of them. Names and values are quoted, so
/// that the search matches them exactly (`druid/broker`, `Druid.Service`).
public struct MetricSearch: Sendable, Equatable {
    /// The metric and the dimension values every series found must have (others may add more).
    public var metric: MetricIdentity

    public init(namespace: String, metricName: String, dimensions: [MetricDimension]) {
        metric = MetricIdentity(namespace: namespace, metricName: metricName, dimensions: dimensions)
    }

    public var metricName: String { metric.metricName }

    /// `Namespace="Druid" MetricName="query/time" "Cluster"="prod" ...`
    public var searchTerm: String {
        (["Namespace=\"\(metric.namespace)\"", "MetricName=\"\(metric.metricName)\""] + metric.dimensions.map { "\"\($0.name)\"=\"\($0.value)\"" })
            .joined(separator: " ")
    }

    /// `SEARCH('<term>', '<stat>', <period>)`
    public func expression(stat: String, period: Int) -> String {
        "SEARCH('\(searchTerm)', '\(stat)', \(period))"
    }

    /// The search term of a `SEARCH(...)` expression, or nil for other expressions.
    public static func query(in expression: String) -> Substring? {
        guard let open = expression.range(of: "SEARCH('") else { return nil }
        let rest = expression[open.upperBound...]
        guard let close = rest.range(of: "',") else { return nil }
        return rest[..<close.lowerBound]
    }

    /// How many `SEARCH(` calls an expression makes.
    public static func count(in expression: String) -> Int {
        expression.components(separatedBy: "SEARCH(").count - 1
    }
}
