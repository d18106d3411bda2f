/// How a datapoint is compared with a static threshold. Only the four static operators:
/// the anomaly-band operators need a band, not a threshold, and are not part of this engine.
/// Raw values are CloudWatch's `ComparisonOperator` names.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable, Codable {
    case greaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold"
    case greaterThanThreshold = "GreaterThanThreshold"
    case lessThanThreshold = "LessThanThreshold"
    case lessThanOrEqualToThreshold = "LessThanOrEqualToThreshold"

    /// Whether `value` is on the alarming side of `threshold`. The value is the first
    /// operand, as in CloudWatch.
    public func isBreaching(_ value: Double, threshold: Double) -> Bool {
        switch self {
        case .greaterThanOrEqualToThreshold: value >= threshold
        case .greaterThanThreshold: value > threshold
        case .lessThanThreshold: value < threshold
        case .lessThanOrEqualToThreshold: value <= threshold
        }
    }

    /// The words CloudWatch puts in a state reason: "… were greater than or equal to the threshold (1.0)".
    public var reasonWording: String {
        switch self {
        case .greaterThanOrEqualToThreshold: "greater than or equal to"
        case .greaterThanThreshold: "greater than"
        case .lessThanThreshold: "less than"
        case .lessThanOrEqualToThreshold: "less than or equal to"
        }
    }
}
