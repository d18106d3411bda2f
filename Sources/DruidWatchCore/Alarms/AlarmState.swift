/// The three states of a CloudWatch alarm, spelled as CloudWatch spells them (the
/// `StateValue` enum), because the same strings go into SNS messages and state files.
public enum AlarmState: String, Sendable, Hashable, CaseIterable, Codable {
    case ok = "OK"
    case alarm = "ALARM"
    case insufficientData = "INSUFFICIENT_DATA"
}
