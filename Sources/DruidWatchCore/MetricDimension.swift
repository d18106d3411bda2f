/// A CloudWatch dimension (named so to stay clear of Foundation's unit `Dimension`): a name/value pair that identifies one series of a metric.
public struct MetricDimension: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: MetricDimension, rhs: MetricDimension) -> Bool {
        (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }

    public var description: String { "\(name)=\(value)" }
}
