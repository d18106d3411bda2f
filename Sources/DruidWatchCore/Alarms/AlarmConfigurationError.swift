/// Why a metric alarm configuration was refused; each case names the field and the
/// rule it broke, in the words of CloudWatch's PutMetricAlarm constraints.
public enum AlarmConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidPeriod(Int)
    case invalidEvaluationPeriods(Int)
    case evaluationSpanTooLong(seconds: Int, limit: Int)
    case invalidDatapointsToAlarm(Int, evaluationPeriods: Int)
    case nonFiniteThreshold
    case negativeSuppressorPeriod(field: String, seconds: Int)

    public var description: String {
        switch self {
        case let .invalidPeriod(period):
            "period \(period) s: must be 10, 20, 30 or a multiple of 60"
        case let .invalidEvaluationPeriods(n):
            "evaluation periods \(n): must be at least 1"
        case let .evaluationSpanTooLong(seconds, limit):
            "period × evaluation periods is \(seconds) s: at most \(limit) s"
        case let .invalidDatapointsToAlarm(m, n):
            "datapoints to alarm \(m): must be between 1 and the evaluation periods (\(n))"
        case .nonFiniteThreshold:
            "threshold must be a finite number"
        case let .negativeSuppressorPeriod(field, seconds):
            "actions suppressor \(field) \(seconds) s: must not be negative"
        }
    }
}
