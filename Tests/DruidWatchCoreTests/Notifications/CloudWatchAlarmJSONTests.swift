import DruidWatchCore
import Foundation
import Testing

extension NotificationTests {
    /// The `default` message against the reference's CloudWatch format (§1.11).
    @Suite struct CloudWatchAlarmJSONTests {
        @Test func rendersTheReferenceSampleFieldForFieldAndInOrder() throws {
            let json = CloudWatchAlarmJSON.render(try NotificationFixtures.change())
            let expected = #"{"AlarmName":"cpu-high","AlarmDescription":"CPU above 80%","AWSAccountId":"123456789012","#
                + #""AlarmConfigurationUpdatedTimestamp":"2024-09-09T01:58:09.198+0000","NewStateValue":"ALARM","#
                + #""NewStateReason":"\#(NotificationFixtures.reason)","StateChangeTime":"2015-06-03T17:43:27.123+0000","#
                + #""Region":"US East (N. Virginia)","AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high","#
                + #""OldStateValue":"OK","OKActions":[],"AlarmActions":["arn:aws:sns:us-east-1:123456789012:pager"],"#
                + #""InsufficientDataActions":[],"Trigger":{"MetricName":"CPUUtilization","Namespace":"AWS/EC2","#
                + #""StatisticType":"Statistic","Statistic":"AVERAGE","Unit":null,"#
                + #""Dimensions":[{"value":"i-0123456789abcdef0","name":"InstanceId"}],"Period":300,"EvaluationPeriods":1,"#
                + #""DatapointsToAlarm":1,"ComparisonOperator":"GreaterThanOrEqualToThreshold","Threshold":80.0,"#
                + #""TreatMissingData":"missing","EvaluateLowSampleCountPercentile":""}}"#
            #expect(json == expected)
        }

        @Test func fieldOrderIsCloudWatchs() throws {
            let json = CloudWatchAlarmJSON.render(try NotificationFixtures.change())
            #expect(NotificationFixtures.topLevelKeys(json) == [
                "AlarmName", "AlarmDescription", "AWSAccountId", "AlarmConfigurationUpdatedTimestamp", "NewStateValue",
                "NewStateReason", "StateChangeTime", "Region", "AlarmArn", "OldStateValue", "OKActions", "AlarmActions",
                "InsufficientDataActions", "Trigger",
            ])
            #expect(NotificationFixtures.topLevelKeys(json, of: "Trigger") == [
                "MetricName", "Namespace", "StatisticType", "Statistic", "Unit", "Dimensions", "Period", "EvaluationPeriods",
                "DatapointsToAlarm", "ComparisonOperator", "Threshold", "TreatMissingData", "EvaluateLowSampleCountPercentile",
            ])
        }

        @Test func parsesWithJSONSerializationWithTheExpectedTypes() throws {
            let json = CloudWatchAlarmJSON.render(try NotificationFixtures.change(unit: "Percent"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["StateChangeTime"] as? String == "2015-06-03T17:43:27.123+0000")
            #expect(object["AlarmActions"] as? [String] == ["arn:aws:sns:us-east-1:123456789012:pager"])
            let trigger = try #require(object["Trigger"] as? [String: Any])
            #expect(trigger["Unit"] as? String == "Percent")
            #expect(trigger["Threshold"] as? Double == 80)
            #expect(trigger["Period"] as? Int == 300)
            #expect(trigger["Dimensions"] as? [[String: String]] == [["value": "i-0123456789abcdef0", "name": "InstanceId"]])
        }

        @Test func upperSnakeCaseStatisticsAndExtendedStatistics() throws {
            let sampleCount = CloudWatchAlarmJSON.render(try NotificationFixtures.change(statistic: .sampleCount))
            #expect(sampleCount.contains(#""StatisticType":"Statistic","Statistic":"SAMPLE_COUNT","Unit":null"#))
            let p99 = CloudWatchAlarmJSON.render(try NotificationFixtures.change(statistic: .extended("p99")))
            #expect(p99.contains(#""StatisticType":"ExtendedStatistic","ExtendedStatistic":"p99","Unit":null"#))
            #expect(AlarmStatistic.maximum.upperSnakeCaseName == "MAXIMUM")
        }

        @Test func nullDescriptionAndOmittedConfigurationTimestamp() throws {
            var change = try NotificationFixtures.change(description: nil)
            change.configurationUpdatedAt = nil
            let json = CloudWatchAlarmJSON.render(change)
            #expect(json.hasPrefix(#"{"AlarmName":"cpu-high","AlarmDescription":null,"AWSAccountId":"123456789012","NewStateValue":"ALARM","#))
        }

        @Test func escapesQuotesNewlinesControlsAndKeepsUnicode() throws {
            let name = "db \"primary\"\\ärger 🚨"
            let description = "line one\nline two\ttab\u{01}\u{2028}"
            let json = CloudWatchAlarmJSON.render(try NotificationFixtures.change(name: name, description: description))
            #expect(json.contains(#""AlarmName":"db \"primary\"\\ärger 🚨""#))
            #expect(json.contains(#""AlarmDescription":"line one\nline two\ttab\u0001\u2028""#))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["AlarmName"] as? String == name)
            #expect(object["AlarmDescription"] as? String == description)
            #expect(object["AlarmArn"] as? String == "arn:aws:cloudwatch:us-east-1:123456789012:alarm:" + name)
        }

        @Test func timestampsAreMillisecondsWithPlusZeroOffset() {
            #expect(NotificationTimestampText.json(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000+0000")
            #expect(NotificationTimestampText.json(Date(timeIntervalSince1970: 1_725_847_089.198)) == "2024-09-09T01:58:09.198+0000")
            #expect(NotificationTimestampText.email(Date(timeIntervalSince1970: 1_628_044_305)) == "Wednesday 04 August, 2021 02:31:45 UTC")
        }
    }
}
