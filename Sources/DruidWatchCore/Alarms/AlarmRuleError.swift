/// Why an `AlarmRule` text was refused, with the 1-based character position where the
/// problem starts (nil for whole-rule limits such as its length).
public struct AlarmRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public let position: Int?

    public init(_ message: String, at position: Int?) {
        self.message = message
        self.position = position
    }

    public var description: String {
        position.map { "alarm rule, position \($0): \(message)" } ?? "alarm rule: \(message)"
    }
}
