import DruidWatchCore
import Foundation

/// The state file's content: the engine's state, the notification log, and the last
/// cycle's statuses (what `druidwatch alarms status` prints).
public struct PersistedEvaluatorState: Sendable, Codable {
    /// Bumped when the format changes incompatibly; an unknown version is treated as corrupt.
    public static let currentVersion = 1

    public var version = PersistedEvaluatorState.currentVersion
    public var savedAt: Date
    public var evaluator: EvaluatorState
    public var notificationLog: NotificationLog
    public var statuses: [AlarmInstanceStatus]
    /// When the last cycle could read CloudWatch; nil before the first.
    public var lastSuccessfulRead: Date?

    public init(savedAt: Date, evaluator: EvaluatorState = EvaluatorState(), notificationLog: NotificationLog = NotificationLog(), statuses: [AlarmInstanceStatus] = [], lastSuccessfulRead: Date? = nil) {
        self.savedAt = savedAt
        self.evaluator = evaluator
        self.notificationLog = notificationLog
        self.statuses = statuses
        self.lastSuccessfulRead = lastSuccessfulRead
    }
}
