import Foundation

/// An `http` endpoint for an SNS topic on 127.0.0.1: records the JSON envelopes SNS (or
/// moto) POSTs to it, for tests to wait on.
///
/// Real SNS first posts a `SubscriptionConfirmation` whose `SubscribeURL` must be
/// visited; moto 5.2 confirms http subscriptions at once and posts only
/// `Notification`s. Confirmations are recorded apart and never visited, so a test
/// against moto never reaches out to the `sns.<region>.amazonaws.com` URL they name.
public final class SNSHTTPSubscriber: Sendable {
    /// The fields of an SNS envelope the tests look at.
    public struct Envelope: Sendable, Equatable {
        public var type: String
        public var messageId: String?
        public var topicArn: String?
        public var subject: String?
        public var message: String?
        public var signatureVersion: String?
    }

    public let server: LocalHTTPServer
    public var endpoint: String { server.baseURL + "/sns" }

    public init() async throws {
        server = try await LocalHTTPServer { _ in .status(200) }
    }

    public func shutdown() async {
        await server.shutdown()
    }

    /// Runs `body` with a fresh subscriber and shuts it down afterwards, whatever happens.
    public static func with<Result>(_ body: (SNSHTTPSubscriber) async throws -> Result) async throws -> Result {
        let subscriber = try await SNSHTTPSubscriber()
        do {
            let result = try await body(subscriber)
            await subscriber.shutdown()
            return result
        } catch {
            await subscriber.shutdown()
            throw error
        }
    }

    /// Every envelope received so far, in arrival order; bodies that are not an SNS
    /// envelope are left out.
    public var envelopes: [Envelope] {
        server.requests.compactMap { request in
            guard let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
                  let type = object["Type"] as? String else { return nil }
            return Envelope(
                type: type,
                messageId: object["MessageId"] as? String,
                topicArn: object["TopicArn"] as? String,
                subject: object["Subject"] as? String,
                message: object["Message"] as? String,
                signatureVersion: object["SignatureVersion"] as? String
            )
        }
    }

    public var notifications: [Envelope] { envelopes.filter { $0.type == "Notification" } }

    /// Waits (polling) until at least `count` notifications have arrived and answers
    /// them; answers what did arrive when the timeout passes first.
    public func waitForNotifications(_ count: Int, timeout: Duration = .seconds(10)) async -> [Envelope] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let received = notifications
            if received.count >= count { return received }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return notifications
    }
}
