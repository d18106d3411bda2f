/// A child alarm named in a composite rule or as an actions suppressor: an alarm name or
/// an alarm ARN, as written (without the optional double quotes).
public struct AlarmReference: Sendable, Hashable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The alarm's name: the text itself, or the part of an ARN after `:alarm:`
    /// (`arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high` ⇒ `cpu-high`). Rules
    /// may mix both spellings for one alarm, so lookups and cycle checks go by name.
    public var alarmName: String {
        if text.hasPrefix("arn:"), let marker = text.range(of: ":alarm:") {
            return String(text[marker.upperBound...])
        }
        return text
    }

    public var description: String { text }
}
