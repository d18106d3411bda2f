/// The dispatcher's memory, Alertmanager's notification log plus the groups' timers:
/// persist it after every cycle and hand it back after a restart, so nothing already
/// notified is sent again. It holds one entry per rule with something to say, and
/// forgets rules that no longer exist.
public struct NotificationLog: Sendable, Hashable, Codable {
    var groups: [String: NotificationGroupLog]

    public init() { groups = [:] }

    /// The rules whose groups are open (waiting, firing or not yet told of a recovery).
    public var openRuleNames: [String] { groups.keys.sorted() }

    /// The instances of a rule the receiver was last told are firing.
    public func notifiedFiring(ruleName: String) -> [AlarmInstanceKey] {
        groups[ruleName]?.notified.keys.sorted() ?? []
    }
}
