import DruidWatchCore
import Foundation
import Testing

extension NotificationTests {
    /// The `Publish` message for `MessageStructure=json` (§6).
    @Suite struct SNSAlarmMessageTests {
        @Test func isAnObjectOfThreeStrings() throws {
            let change = try NotificationFixtures.change(name: "q\"uote\nd")
            let sns = try SNSAlarmMessage(change)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(sns.message.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["default", "email", "sms"])
            #expect(object["default"] as? String == CloudWatchAlarmJSON.render(change))
            #expect(object["email"] as? String == AlarmEmailText.render(change))
            // The line break goes; the quote stays, as CloudWatch keeps it.
            #expect(object["sms"] as? String == #"ALARM: "q"uoted" in US East (N. Virginia)"#)
            #expect(sns.subject == #"ALARM: "q"uoted" in US East (N. Virginia)"#)
            #expect(sns.message.hasPrefix(#"{"default":"{\"AlarmName\":"#))
        }

        @Test func aHugeSeriesListIsShortenedToFitInsteadOfFailing() throws {
            let series = (0..<20_000).map { "dataSource=tenant_\($0)_events_with_a_long_name" }
            let change = try NotificationFixtures.change(context: AlarmNotificationContext(affectedSeries: series))
            #expect(AlarmEmailText.render(change).utf8.count > SNSAlarmMessage.maximumMessageBytes)

            let sns = try SNSAlarmMessage(change)
            #expect(sns.messageBytes <= SNSAlarmMessage.maximumMessageBytes)
            #expect(sns.listedSeriesCount > 1_000 && sns.listedSeriesCount < series.count)
            // The most that fit: the room left is less than one more series line (about 50 bytes).
            #expect(SNSAlarmMessage.maximumMessageBytes - sns.messageBytes < 64)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(sns.message.utf8)) as? [String: String])
            let email = try #require(object["email"])
            #expect(email.contains("- Affected series:            20000\n"))
            #expect(email.contains("    and \(series.count - sns.listedSeriesCount) more\n"))
        }

        @Test func aSmallListIsListedWhole() throws {
            let series = (0..<40).map { "dataSource=ds\($0)" }
            let sns = try SNSAlarmMessage(try NotificationFixtures.change(context: AlarmNotificationContext(affectedSeries: series)))
            #expect(sns.listedSeriesCount == 40)
            #expect(!sns.message.contains(" more\\n"))
        }

        @Test func aMessageTooLargeEvenWithoutSeriesIsAnError() throws {
            let change = try NotificationFixtures.change(reason: String(repeating: "r", count: 100_000))
            #expect(throws: SNSAlarmMessageError.self) { try SNSAlarmMessage(change) }
        }
    }
}
