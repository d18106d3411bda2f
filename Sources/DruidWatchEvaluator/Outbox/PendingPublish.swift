import DruidWatchAWS
import Foundation

/// One notification waiting to be published to SNS, as the outbox keeps it on disk (one
/// JSON file each), and as it is set aside in the undeliverable directory for a human
/// when SNS refuses it for good.
public struct PendingPublish: Codable, Sendable, Equatable {
    /// Chosen by the caller and stable for the same notification (e.g. from the alarm
    /// and the time of its transition), so that enqueuing it again publishes it once.
    public var id: String
    /// Assigned by the outbox, growing across restarts: the order of creation, also
    /// among notifications created within the same clock reading.
    public var sequence: UInt64
    public var topicARN: String
    public var subject: String?
    public var message: String
    public var structure: SNSMessageStructure
    public var createdAt: Date
    /// Failed publishes so far.
    public var attempts: Int
    public var nextAttemptAt: Date
    /// Why the last attempt failed, or why the notification was set aside.
    public var lastError: String?

    public init(
        id: String, sequence: UInt64, topicARN: String, subject: String?, message: String, structure: SNSMessageStructure,
        createdAt: Date, attempts: Int = 0, nextAttemptAt: Date? = nil, lastError: String? = nil
    ) {
        self.id = id
        self.sequence = sequence
        self.topicARN = topicARN
        self.subject = subject
        self.message = message
        self.structure = structure
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.lastError = lastError
    }
}
