import DruidWatchCore
import Testing

extension NotificationTests {
    /// The `email` text: CloudWatch's layout (§1.11), then druidwatch's additions.
    @Suite struct AlarmEmailTextTests {
        private let context = AlarmNotificationContext(
            runbookURL: "https://runbooks.example.com/runbooks/ec2/cpu-high/",
            dashboardURL: "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=druid-overview",
            severity: "critical",
            affectedSeries: ["dataSource=wikipedia", "dataSource=clicks"],
            silenceCommand: "druidwatch silence add --match alarm=cpu-high --for 2h"
        )

        @Test func alarmTransition() throws {
            let text = AlarmEmailText.render(try NotificationFixtures.change(context: context))
            let expected = """
                You are receiving this email because your Amazon CloudWatch Alarm "cpu-high" in the US East (N. Virginia) region has transitioned to ALARM state on Wednesday 03 June, 2015 17:43:27 UTC, because "\(NotificationFixtures.reason)".

                View this alarm in the AWS Management Console:
                https://us-east-1.console.aws.amazon.com/cloudwatch/deeplink.js?region=us-east-1#alarmsV2:alarm/cpu-high

                Alarm Details:
                - Name:                       cpu-high
                - Description:                CPU above 80%
                - State Change:               OK -> ALARM
                - Reason for State Change:    \(NotificationFixtures.reason)
                - Timestamp:                  Wednesday 03 June, 2015 17:43:27 UTC
                - AWS Account:                123456789012
                - Alarm Arn:                  arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high

                Threshold:
                - The alarm is in the ALARM state when the metric is GreaterThanOrEqualToThreshold 80.0 for 300 seconds.

                Monitored Metric:
                - MetricNamespace:                     AWS/EC2
                - MetricName:                          CPUUtilization
                - Dimensions:                          [InstanceId = i-0123456789abcdef0]
                - Period:                              300 seconds
                - Statistic:                           Average
                - Unit:                                not specified
                - TreatMissingData:                    missing


                State Change Actions:
                - OK:
                - ALARM: [arn:aws:sns:us-east-1:123456789012:pager]
                - INSUFFICIENT_DATA:


                druidwatch:
                - Severity:                   critical
                - Runbook:                    https://runbooks.example.com/runbooks/ec2/cpu-high/
                - Dashboard:                  https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards:name=druid-overview
                - Affected series:            2
                    dataSource=wikipedia
                    dataSource=clicks
                - Silence:                    druidwatch silence add --match alarm=cpu-high --for 2h

                """
            #expect(text == expected)
        }

        @Test func okTransitionWithoutAdditions() throws {
            let reason = "Threshold Crossed: 2 out of the last 3 datapoints [40.0 (03/06/15 17:38:00), 35.0 (03/06/15 17:33:00)] were not greater than or equal to the threshold (80.0) (minimum 2 datapoints for ALARM -> OK transition)."
            let change = try NotificationFixtures.change(
                description: nil, old: .alarm, new: .ok, reason: reason, unit: "Percent", evaluationPeriods: 3, datapointsToAlarm: 2
            )
            let text = AlarmEmailText.render(change)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[0] == #"You are receiving this email because your Amazon CloudWatch Alarm "cpu-high" in the US East (N. Virginia) region has transitioned to OK state on Wednesday 03 June, 2015 17:43:27 UTC, because "\#(reason)"."#)
            #expect(text.contains("\n- Description:                \n- State Change:               ALARM -> OK\n"))
            #expect(text.contains("\n- The alarm is in the ALARM state when the metric is GreaterThanOrEqualToThreshold 80.0 for at least 2 of the last 3 period(s) of 300 seconds.\n"))
            #expect(text.contains("\n- Unit:                                Percent\n"))
            #expect(text.hasSuffix("State Change Actions:\n- OK:\n- ALARM: [arn:aws:sns:us-east-1:123456789012:pager]\n- INSUFFICIENT_DATA:\n"))
            #expect(!text.contains("druidwatch:"))
        }

        @Test func multiLineDescriptionsStayInTheirColumnAndUnicodeIsKept() throws {
            let change = try NotificationFixtures.change(name: "Ärger \"db\" 🚨", description: "first\nsecond")
            let text = AlarmEmailText.render(change)
            #expect(text.contains("\n- Description:                first\n                              second\n"))
            #expect(text.contains(#"Alarm "Ärger "db" 🚨" in the"#))
            // The console link carries the name percent-encoded.
            #expect(text.contains("#alarmsV2:alarm/%C3%84rger%20%22db%22%20%F0%9F%9A%A8\n"))
        }

        @Test func aSeriesLimitSumsUpTheRest() throws {
            let text = AlarmEmailText.render(try NotificationFixtures.change(context: context), seriesLimit: 1)
            #expect(text.contains("- Affected series:            2\n    dataSource=wikipedia\n    and 1 more\n"))
        }
    }
}
