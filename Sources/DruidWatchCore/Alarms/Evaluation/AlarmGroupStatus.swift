import Foundation

/// One alarm state after a cycle: what the notifier and `alarms status` see.
public struct AlarmGroupStatus: Sendable, Hashable {
    public var key: AlarmInstanceKey
    public var state: AlarmState
    public var previousState: AlarmState
    public var since: Date
    public var reason: String
    /// Whether this cycle changed the state.
    public var changed: Bool
    /// The newest real value the rule saw, for messages.
    public var latestValue: Double?
    /// For a composite whose actions suppressor holds its actions back now.
    public var actionsSuppressed: Bool
    /// The state it left when it entered `state`, this cycle or earlier; nil while it
    /// has never changed.
    public var enteredFrom: AlarmState?

    public init(
        key: AlarmInstanceKey, state: AlarmState, previousState: AlarmState, since: Date, reason: String, changed: Bool,
        latestValue: Double? = nil, actionsSuppressed: Bool = false, enteredFrom: AlarmState? = nil
    ) {
        self.key = key
        self.state = state
        self.previousState = previousState
        self.since = since
        self.reason = reason
        self.changed = changed
        self.latestValue = latestValue
        self.actionsSuppressed = actionsSuppressed
        self.enteredFrom = enteredFrom
    }
}
