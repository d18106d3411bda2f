import Foundation

/// One message about one rule's instances: everything of the rule that fires together
/// is one notification, whatever the number of series groups.
public struct GroupNotification: Sendable, Hashable, Codable, Identifiable {
    /// `<rule>/<group start, epoch seconds>/<message number in the group>`. It comes from
    /// the persisted log alone, so a cycle replayed after a crash that lost the log's last
    /// save produces the same id again, which the outbox can drop as a duplicate.
    public let id: String
    public let ruleName: String
    public let severity: String
    /// ALARM while any instance notified as firing has not recovered (INSUFFICIENT_DATA
    /// instead when every firing instance lacks data and the policy notifies that), OK in
    /// the group's last message.
    public let state: AlarmState
    public let reason: NotificationReason
    /// The unsilenced firing instances, sorted by key. Can be empty while the state is
    /// ALARM: the instances still open are then silenced or lack data.
    public let firing: [AlarmInstanceStatus]
    /// Instances notified as firing before that have recovered since, sorted by key.
    public let resolved: [AlarmInstanceStatus]
    /// Firing instances beyond the policy's per-group limit, neither listed nor tracked.
    public let untrackedFiringCount: Int
    /// When the incident began (the earliest `since` of the open instances) or, in the
    /// recovery, when it ended (the latest recovery).
    public let stateChangedAt: Date

    public init(
        id: String, ruleName: String, severity: String, state: AlarmState, reason: NotificationReason,
        firing: [AlarmInstanceStatus], resolved: [AlarmInstanceStatus], untrackedFiringCount: Int = 0, stateChangedAt: Date
    ) {
        self.id = id
        self.ruleName = ruleName
        self.severity = severity
        self.state = state
        self.reason = reason
        self.firing = firing
        self.resolved = resolved
        self.untrackedFiringCount = untrackedFiringCount
        self.stateChangedAt = stateChangedAt
    }
}
