import DruidWatchAWS

/// Where the outbox publishes: SNS in production, a scripted fake in tests.
public protocol NotificationPublisher: Sendable {
    /// Answers the id the service gave the message. Errors are ``AWSCallError``s so that
    /// the sender can tell a refusal for good from one that passes.
    func publish(topicARN: String, subject: String?, message: String, structure: SNSMessageStructure) async throws(AWSCallError) -> String
}
