/// How SNS reads a Publish's `Message`.
public enum SNSMessageStructure: String, Sendable, Codable, Hashable {
    /// The same text goes to every protocol.
    case plain
    /// `Message` is a JSON object of strings by protocol (`email`, `sms`, `http`, ...)
    /// with a required `default` for the rest (`MessageStructure=json`); CloudWatch alarm
    /// notifications are published this way.
    case json
}
