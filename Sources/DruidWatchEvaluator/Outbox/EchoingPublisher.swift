import DruidWatchAWS
import Foundation

/// Publishes through another publisher and, once SNS has accepted a message, hands its
/// subject and e-mail text to `echo`: `druidwatch evaluator --show-notifications` prints
/// exactly what the e-mail subscribers receive.
public struct EchoingPublisher: NotificationPublisher {
    public var inner: any NotificationPublisher
    public var echo: @Sendable (_ subject: String?, _ email: String) -> Void

    public init(inner: any NotificationPublisher, echo: @escaping @Sendable (_ subject: String?, _ email: String) -> Void) {
        self.inner = inner
        self.echo = echo
    }

    public func publish(topicARN: String, subject: String?, message: String, structure: SNSMessageStructure) async throws(AWSCallError) -> String {
        let id = try await inner.publish(topicARN: topicARN, subject: subject, message: message, structure: structure)
        echo(subject, Self.emailText(message, structure: structure))
        return id
    }

    /// The `email` value of a JSON-structured message (else `default`), or the message itself.
    static func emailText(_ message: String, structure: SNSMessageStructure) -> String {
        guard structure == .json, let object = try? JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any] else { return message }
        return (object["email"] as? String) ?? (object["default"] as? String) ?? message
    }
}
