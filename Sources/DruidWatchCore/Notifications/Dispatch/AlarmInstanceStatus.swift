import Foundation

/// What the engine knows about one alarm instance at the end of an evaluation cycle:
/// the dispatcher's input.
public struct AlarmInstanceStatus: Sendable, Hashable, Codable {
    public let key: AlarmInstanceKey
    /// The rule's severity (`page`, `ticket`); also a label silences can match.
    public let severity: String
    /// The rule's labels (`team`, `component`, …).
    public let labels: [String: String]
    public let state: AlarmState
    /// When the instance entered `state`.
    public let since: Date
    /// The state reason, in CloudWatch's wording.
    public let reason: String
    /// The last evaluated value and the threshold, for display only.
    public let value: Double?
    public let threshold: Double?
    /// The state it left when it entered `state` (the notification's `OldStateValue`);
    /// nil while it has never changed.
    public let enteredFrom: AlarmState?

    public init(
        key: AlarmInstanceKey, severity: String, labels: [String: String] = [:], state: AlarmState, since: Date,
        reason: String, value: Double? = nil, threshold: Double? = nil, enteredFrom: AlarmState? = nil
    ) {
        self.key = key
        self.severity = severity
        self.labels = labels
        self.state = state
        self.since = since
        self.reason = reason
        self.value = value
        self.threshold = threshold
        self.enteredFrom = enteredFrom
    }

    /// The labels silences match against: the rule's labels, the group dimensions by
    /// name, then `severity` and `alarm` (the rule name). Later sources win, so a rule
    /// label or a dimension called `alarm` cannot make an instance look like another
    /// rule's to a silence.
    public var matchableLabels: [String: String] {
        var result = labels
        for dimension in key.group { result[dimension.name] = dimension.value }
        result["severity"] = severity
        result["alarm"] = key.ruleName
        return result
    }

    func with(state: AlarmState, since: Date, reason: String) -> AlarmInstanceStatus {
        AlarmInstanceStatus(
            key: key, severity: severity, labels: labels, state: state, since: since, reason: reason, value: nil, threshold: threshold,
            enteredFrom: state == self.state ? enteredFrom : self.state
        )
    }
}
