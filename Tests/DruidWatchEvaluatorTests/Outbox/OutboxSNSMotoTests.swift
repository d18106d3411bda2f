import DruidWatchAWS
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// The real path: outbox on disk → OutboxSender → SNSClient → moto's topic → an `http`
/// subscriber on loopback.
@Suite struct OutboxSNSMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    @Test func anEnqueuedNotificationReachesTheSubscriberAsItsDefaultMessage() async throws {
        try await MotoServer.with { moto in
            try await SNSHTTPSubscriber.with { subscriber in
                let sns = SNSClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
                let topic = try await sns.createTopic(name: "druid-alarms")
                _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: subscriber.endpoint)
                let account = try await STSClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint).getCallerIdentity()
                #expect(topic.contains(":\(account):"))

                let directory = OutboxStateDirectory()
                let outbox = try directory.open(clock: SystemWallClock())
                let defaultText = #"{"AlarmName":"druid-historical-segments-unavailable","NewStateValue":"ALARM"}"#
                let structured = try String(decoding: JSONSerialization.data(withJSONObject: [
                    "default": defaultText, "email": "Alarm details ...", "sms": "ALARM: druid-historical-segments-unavailable",
                ], options: [.sortedKeys]), as: UTF8.self)
                #expect(try outbox.enqueue(id: "druid-historical-segments-unavailable@1764000000", topicARN: topic, subject: "ALARM: segments unavailable", message: structured, structure: .json) == .enqueued)
                // A second copy with an unknown topic is refused for good and set aside.
                try outbox.enqueue(id: "to-a-deleted-topic", topicARN: topic + "-gone", subject: "s", message: structured, structure: .json)

                let sender = OutboxSender(outbox: outbox, publisher: sns, logger: Logger(label: "outbox-moto-test"))
                let running = Task { try await sender.run() }
                let received = await subscriber.waitForNotifications(1)
                let deadline = ContinuousClock.now + .seconds(10)
                while outbox.count > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                running.cancel()
                _ = await running.result

                try #require(received.count == 1)
                #expect(received[0].message == defaultText)
                #expect(received[0].subject == "ALARM: segments unavailable")
                #expect(received[0].topicArn == topic)
                #expect(outbox.count == 0)
                #expect(directory.outboxFiles.isEmpty)
                #expect(directory.undeliverableFiles.count == 1)
                #expect((try directory.undeliverable(directory.undeliverableFiles[0])["lastError"] as? String)?.hasPrefix("NotFound") == true)
            }
        }
    }
}
