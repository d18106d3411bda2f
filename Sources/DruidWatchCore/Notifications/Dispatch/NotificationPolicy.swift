import Foundation

/// When a notification group may speak, in Alertmanager's terms (`group_wait`,
/// `group_interval`, `repeat_interval`, `send_resolved`); the defaults are Alertmanager's.
public struct NotificationPolicy: Sendable, Hashable {
    /// How long a new group collects instances before its first message, so that one
    /// incident across 40 dataSources is one message, not 40.
    public let groupWait: TimeInterval
    /// The least time between two messages of a group that changed.
    public let groupInterval: TimeInterval
    /// How often a group that is still firing and has not changed is sent again.
    public let repeatInterval: TimeInterval
    public let sendResolved: Bool
    /// Whether INSUFFICIENT_DATA counts as firing. Off by default: missing data is not a
    /// reason to wake someone, and CloudWatch itself only notifies it through
    /// InsufficientDataActions.
    public let notifyInsufficientData: Bool
    /// How many instances one group remembers; beyond it, firing instances are counted in
    /// the message but not listed or tracked, so a runaway `group_by` cannot grow the
    /// persisted log without end.
    public let maximumInstancesPerGroup: Int

    public static let defaultGroupWait: TimeInterval = 30
    public static let defaultGroupInterval: TimeInterval = 5 * 60
    public static let defaultRepeatInterval: TimeInterval = 4 * 3_600
    public static let defaultMaximumInstancesPerGroup = 10_000

    /// Alertmanager's defaults, which need no checking.
    public init() {
        groupWait = Self.defaultGroupWait
        groupInterval = Self.defaultGroupInterval
        repeatInterval = Self.defaultRepeatInterval
        sendResolved = true
        notifyInsufficientData = false
        maximumInstancesPerGroup = Self.defaultMaximumInstancesPerGroup
    }

    public init(
        groupWait: TimeInterval = defaultGroupWait, groupInterval: TimeInterval = defaultGroupInterval,
        repeatInterval: TimeInterval = defaultRepeatInterval, sendResolved: Bool = true, notifyInsufficientData: Bool = false,
        maximumInstancesPerGroup: Int = defaultMaximumInstancesPerGroup
    ) throws(NotificationPolicyError) {
        guard groupWait.isFinite, groupWait >= 0 else { throw .invalidDuration(field: "group wait", seconds: groupWait) }
        guard groupInterval.isFinite, groupInterval > 0 else { throw .invalidDuration(field: "group interval", seconds: groupInterval) }
        guard repeatInterval.isFinite, repeatInterval > 0 else { throw .invalidDuration(field: "repeat interval", seconds: repeatInterval) }
        guard maximumInstancesPerGroup > 0 else { throw .invalidInstanceLimit(maximumInstancesPerGroup) }
        self.groupWait = groupWait
        self.groupInterval = groupInterval
        self.repeatInterval = repeatInterval
        self.sendResolved = sendResolved
        self.notifyInsufficientData = notifyInsufficientData
        self.maximumInstancesPerGroup = maximumInstancesPerGroup
    }

    /// The repeat interval as it takes effect: a group is only looked at every group
    /// interval, so the repeat is rounded up to a whole number of them (as Alertmanager's
    /// is), and never shorter than one.
    public var effectiveRepeatInterval: TimeInterval {
        max(1, (repeatInterval / groupInterval).rounded(.up)) * groupInterval
    }

    func isFiring(_ state: AlarmState) -> Bool {
        switch state {
        case .alarm: true
        case .insufficientData: notifyInsufficientData
        case .ok: false
        }
    }
}
