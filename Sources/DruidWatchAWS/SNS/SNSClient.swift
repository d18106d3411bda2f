import Foundation

/// The SNS calls druidwatch makes, over the query protocol: publishing alarm
/// notifications, and creating topics and subscriptions for setup, the demo and tests.
public struct SNSClient: AWSQueryService {
    public static let signingName = "sns"
    static let apiVersion = "2010-03-31"

    public var query: AWSQueryClient

    public init(query: AWSQueryClient) {
        self.query = query
    }

    /// Publishes to a topic and answers the MessageId SNS assigned. A nil or empty
    /// subject is left out (SNS refuses an empty one); whether a subject is valid is
    /// SNS's to say, and a refusal is an `InvalidParameter` error.
    public func publish(topicARN: String, subject: String?, message: String, structure: SNSMessageStructure) async throws(AWSCallError) -> String {
        var parameters = [("TopicArn", topicARN), ("Message", message)]
        if let subject, !subject.isEmpty { parameters.append(("Subject", subject)) }
        if structure == .json { parameters.append(("MessageStructure", "json")) }
        return try await call("Publish", parameters, answering: "MessageId")
    }

    /// Creates the topic, or answers the ARN of the one of that name that exists.
    public func createTopic(name: String) async throws(AWSCallError) -> String {
        try await call("CreateTopic", [("Name", name)], answering: "TopicArn")
    }

    /// Subscribes an endpoint (`email`, `http`, `https`, `sqs`, ...) to a topic. Answers
    /// the subscription's ARN even while it awaits confirmation, where SNS would otherwise
    /// answer the words "pending confirmation".
    public func subscribe(topicARN: String, protocol: String, endpoint: String) async throws(AWSCallError) -> String {
        try await call("Subscribe", [
            ("TopicArn", topicARN), ("Protocol", `protocol`), ("Endpoint", endpoint), ("ReturnSubscriptionArn", "true"),
        ], answering: "SubscriptionArn")
    }

    private func call(_ action: String, _ parameters: [(String, String)], answering element: String) async throws(AWSCallError) -> String {
        let tree = try await query.call([("Action", action), ("Version", Self.apiVersion)] + parameters)
        guard let value = tree.first(named: element)?.text, !value.isEmpty else {
            throw .malformedResponse("\(action) answer has no \(element)")
        }
        return value
    }
}
