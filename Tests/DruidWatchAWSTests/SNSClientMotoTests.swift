import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// CreateTopic, Subscribe and Publish against a real moto_server, which really POSTs
/// to an `http` subscriber on loopback; and STS GetCallerIdentity.
@Suite struct SNSClientMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    private func client(_ moto: MotoServer) -> SNSClient {
        SNSClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
    }

    @Test func aJSONStructuredPublishReachesAnHTTPSubscriberAsItsDefaultMessage() async throws {
        try await MotoServer.with { moto in
            try await SNSHTTPSubscriber.with { subscriber in
                let sns = client(moto)
                let topic = try await sns.createTopic(name: "druid-alarms")
                #expect(topic == "arn:aws:sns:us-east-1:123456789012:druid-alarms")
                #expect(try await sns.createTopic(name: "druid-alarms") == topic)
                let subscription = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: subscriber.endpoint)
                #expect(subscription.hasPrefix(topic + ":"))

                let defaultText = #"{"AlarmName":"druid-broker-query-time","NewStateValue":"ALARM","Quote":"\"x\" → y"}"#
                let structured = try String(decoding: JSONSerialization.data(withJSONObject: [
                    "default": defaultText,
                    "email": "You are receiving this email because your Amazon CloudWatch Alarm ...",
                    "sms": "ALARM: druid-broker-query-time",
                ], options: [.sortedKeys]), as: UTF8.self)
                let subject = #"ALARM: "druid-broker-query-time" in US East (N. Virginia)"#
                let messageId = try await sns.publish(topicARN: topic, subject: subject, message: structured, structure: .json)
                #expect(!messageId.isEmpty)

                let received = await subscriber.waitForNotifications(1)
                try #require(received.count == 1)
                #expect(received[0].message == defaultText)
                #expect(received[0].subject == subject)
                #expect(received[0].messageId == messageId)
                #expect(received[0].topicArn == topic)
                #expect(subscriber.envelopes.allSatisfy { $0.type == "Notification" })
            }
        }
    }

    @Test func aPlainPublishIsDeliveredAsItIs() async throws {
        try await MotoServer.with { moto in
            try await SNSHTTPSubscriber.with { subscriber in
                let sns = client(moto)
                let topic = try await sns.createTopic(name: "plain")
                _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: subscriber.endpoint)
                let text = #"{"default":"not parsed, because the structure is plain"}"#
                _ = try await sns.publish(topicARN: topic, subject: nil, message: text, structure: .plain)
                let received = await subscriber.waitForNotifications(1)
                try #require(received.count == 1)
                #expect(received[0].message == text)
                #expect(received[0].subject == nil)
            }
        }
    }

    @Test func publishingToAMissingTopicIsAPermanentNotFound() async throws {
        try await MotoServer.with { moto in
            do throws(AWSCallError) {
                _ = try await client(moto).publish(topicARN: "arn:aws:sns:us-east-1:123456789012:no-such-topic", subject: "s", message: "m", structure: .plain)
                Issue.record("expected NotFound")
            } catch {
                guard case let .service(serviceError) = error else {
                    Issue.record("expected a service error, got \(error)")
                    return
                }
                #expect(serviceError.code == "NotFound")
                #expect(serviceError.httpStatus >= 400 && serviceError.httpStatus < 500)
                #expect(!error.isRetryable)
                #expect(error.isPermanentPublishFailure)
            }
        }
    }

    /// SNS refuses any JSON-structured message without `default`; moto checks it only
    /// for a subscriber whose protocol has no key of its own, hence the http one.
    @Test func aJSONStructureWithoutDefaultIsRefused() async throws {
        try await MotoServer.with { moto in
            try await SNSHTTPSubscriber.with { subscriber in
                let sns = client(moto)
                let topic = try await sns.createTopic(name: "needs-default")
                _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: subscriber.endpoint)
                await #expect {
                    _ = try await sns.publish(topicARN: topic, subject: "s", message: #"{"email":"only"}"#, structure: .json)
                } throws: { error in
                    guard let error = error as? AWSCallError, case let .service(serviceError) = error else { return false }
                    return serviceError.code.hasPrefix("InvalidParameter") && error.isPermanentPublishFailure
                }
                #expect(subscriber.notifications.isEmpty)
            }
        }
    }

    @Test func stsAnswersTheAccountId() async throws {
        try await MotoServer.with { moto in
            let sts = STSClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let account = try await sts.getCallerIdentity()
            #expect(account == "123456789012")
        }
    }
}
