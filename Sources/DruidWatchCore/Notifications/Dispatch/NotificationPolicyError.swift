/// Why notification timings were refused.
public enum NotificationPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidDuration(field: String, seconds: Double)
    case invalidInstanceLimit(Int)

    public var description: String {
        switch self {
        case let .invalidDuration(field, seconds):
            field == "group wait"
                ? "\(field) \(seconds) s: must be a finite number of seconds, at least 0"
                : "\(field) \(seconds) s: must be a finite number of seconds, more than 0"
        case let .invalidInstanceLimit(limit):
            "maximum instances per group \(limit): must be at least 1"
        }
    }
}
