/// Why a group speaks now (Alertmanager's `notification_reason`), so a renderer can
/// say "new", "update", "still firing" or "resolved".
public enum NotificationReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The group's first message: instances started firing.
    case firing
    /// Instances started firing or recovered since the group's last message.
    case changed
    /// Nothing changed, and the group is still firing after the repeat interval.
    case `repeat`
    /// Every instance notified as firing has recovered: the group's last message.
    case resolved
}
