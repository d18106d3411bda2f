import Foundation

/// What the evaluator remembers about one alarm state between cycles.
public struct AlarmGroupState: Sendable, Hashable, Codable {
    public var state: AlarmState
    /// When it entered `state`.
    public var since: Date
    /// CloudWatch's `NewStateReason` for the current state.
    public var reason: String
    /// The end of the newest period it was evaluated with: a rule is evaluated once per period.
    public var evaluatedThrough: Int?
    /// The last time any of its series had a value: a group silent longer than the rule's
    /// `forget_after` is dropped.
    public var lastData: Date?
    /// The newest value evaluated, for messages.
    public var latestValue: Double?
    /// The state it left when it entered `state` (a notification's `OldStateValue`);
    /// nil while it has never changed.
    public var enteredFrom: AlarmState?

    public init(state: AlarmState = .insufficientData, since: Date, reason: String = "Unchecked: Initial alarm creation", evaluatedThrough: Int? = nil, lastData: Date? = nil, latestValue: Double? = nil) {
        self.state = state
        self.since = since
        self.reason = reason
        self.evaluatedThrough = evaluatedThrough
        self.lastData = lastData
        self.latestValue = latestValue
    }
}
