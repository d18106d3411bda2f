/// A CloudWatch dimension: a name/value pair that identifies one series of a metric.
public struct Dimension: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func < (lhs: Dimension, rhs: Dimension) -> Bool {
        (lhs.name, lhs.value) < (rhs.name, rhs.value)
    }

    public var description: String { "\(name)=\(value)" }
}
