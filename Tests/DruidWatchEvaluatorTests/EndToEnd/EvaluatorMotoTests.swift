import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// The evaluator end to end against moto on loopback: datums put through the agent's
/// CloudWatch client, a rule fanned out per dataSource, one GetMetricData call, an alarm
/// that fires, and its SNS message reaching an `http` subscriber with CloudWatch's JSON.
@Suite struct EvaluatorMotoTests {
    static let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1"]
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    static let rules = """
        group: query
        defaults:
          dimensions: {Cluster: "${cluster}"}
        rules:
          - name: DruidQueryFailures
            description: Broker queries are failing.
            severity: page
            labels: {team: druid}
            metric:
              name: query/failed/count
              statistic: Sum
              dimensions: {Service: druid/broker, dataSource: "*"}
            group_by: [dataSource]
            period: 60
            evaluation_periods: 3
            datapoints_to_alarm: 2
            comparison: ">"
            threshold: 5
            missing_data: notBreaching
            dashboard: query
        """

    @Test func anAlarmFiresAndItsNotificationReachesAnHTTPSubscriber() async throws {
        let directory = try TemporaryDirectory()
        let rulesDirectory = directory.url.appendingPathComponent("alarms")
        try FileManager.default.createDirectory(at: rulesDirectory.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
        try Self.rules.write(to: rulesDirectory.appendingPathComponent("query.yaml"), atomically: true, encoding: .utf8)
        try "# DruidQueryFailures\n## Meaning\n## Impact\n## Diagnosis\n## Mitigation\n## Escalation\n"
            .write(to: rulesDirectory.appendingPathComponent("runbooks/DruidQueryFailures.md"), atomically: true, encoding: .utf8)

        try await MotoServer.with { moto in
            try await SNSHTTPSubscriber.with { subscriber in
                let sns = SNSClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
                let topic = try await sns.createTopic(name: "druid-pager")
                _ = try await sns.subscribe(topicARN: topic, protocol: "http", endpoint: subscriber.endpoint)

                // Three complete minutes: wikipedia fails 9 times a minute, koalas once.
                let now = Date()
                let minute = (now.timeIntervalSince1970 / 60).rounded(.down) * 60
                let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
                var datums: [MetricDatum] = []
                for ago in 1...3 {
                    let timestamp = Date(timeIntervalSince1970: minute - Double(ago * 60))
                    for (dataSource, failures) in [("wikipedia", 9.0), ("koalas", 1.0)] {
                        datums.append(MetricDatum(
                            metricName: "query/failed/count",
                            dimensions: [MetricDimension("Cluster", "itest"), MetricDimension("Host", "broker-1"), MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", dataSource)],
                            timestamp: timestamp, value: .statistics(StatisticSet(sampleCount: 1, sum: failures, minimum: failures, maximum: failures)), unit: .count
                        ))
                    }
                }
                try await cloudWatch.putMetricData(namespace: "Druid", datums: datums)

                var config = EvaluatorConfig()
                config.cluster = "itest"
                config.rules = rulesDirectory.path
                config.stateDirectory = directory.url.appendingPathComponent("state").path
                config.runbookBaseURL = "https://runbooks.example.com/druid/"
                config.readDelaySeconds = 0
                config.aws.region = "us-east-1"
                config.aws.endpointURL = moto.endpoint
                config.aws.imds = false
                config.notifications.topics = ["page": [topic]]
                config.notifications.groupWaitSeconds = 0
                let rules = try AlarmRuleSetLoader.load(directory: rulesDirectory, variables: config.variables)
                let logger = Logger(label: "evaluator-moto-test")
                let assembly = try await EvaluatorAssembly.assemble(config, rules: rules, environment: Self.environment, now: now, logger: logger)

                let report = await assembly.cycle.run(now: now)
                #expect(report.readFailure == nil)
                #expect(report.listMetricsCalls == 1)
                // Two series, one call: ceil(2 / 500).
                #expect(report.getMetricDataCalls == 1)
                #expect(report.queries == 2)
                #expect(report.alarmStates == 2)
                #expect(report.firing == 1)
                #expect(report.notifications == 1)
                let states = Dictionary(uniqueKeysWithValues: assembly.cycle.currentState.statuses.map { ($0.key.description, $0.state) })
                #expect(states == ["DruidQueryFailures{dataSource=wikipedia}": .alarm, "DruidQueryFailures{dataSource=koalas}": .ok])

                let sender = OutboxSender(outbox: assembly.outbox, publisher: sns, logger: logger)
                let sent = await sender.sendDue()
                #expect(sent.sent == 1)
                let received = await subscriber.waitForNotifications(1)
                try #require(received.count == 1)
                #expect(received[0].subject == #"ALARM: "DruidQueryFailures" in US East (N. Virginia)"#)
                let defaultJSON = try #require(received[0].message)
                try Self.expectCloudWatchAlarmJSON(defaultJSON, topic: topic)

                // A second cycle in the same minute reads nothing and sends nothing again.
                let again = await assembly.cycle.run(now: now.addingTimeInterval(1))
                #expect(again.getMetricDataCalls == 0)
                #expect(again.notifications == 0)

                // A restart restores the state: still firing, nothing re-sent.
                let restarted = try await EvaluatorAssembly.assemble(config, rules: rules, environment: Self.environment, now: now, logger: logger)
                guard case .restored = restarted.restored else {
                    Issue.record("the state was not restored")
                    return
                }
                let afterRestart = await restarted.cycle.run(now: now.addingTimeInterval(2))
                #expect(afterRestart.notifications == 0)
                #expect(restarted.outbox.count == 0)
            }
        }
    }

    /// The `default` message as CloudWatch writes it (reference §1.11): its fields, in its
    /// order, with its formats.
    static func expectCloudWatchAlarmJSON(_ text: String, topic: String) throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let order = [
            "AlarmName", "AlarmDescription", "AWSAccountId", "NewStateValue", "NewStateReason", "StateChangeTime", "Region", "AlarmArn",
            "OldStateValue", "OKActions", "AlarmActions", "InsufficientDataActions", "Trigger",
        ]
        #expect(Set(object.keys) == Set(order))
        let positions = order.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(object["AlarmName"] as? String == "DruidQueryFailures")
        #expect((object["AlarmDescription"] as? String)?.contains("Runbook: https://runbooks.example.com/druid/DruidQueryFailures.md") == true)
        #expect(object["AWSAccountId"] as? String == "123456789012")
        #expect(object["NewStateValue"] as? String == "ALARM")
        // A new alarm whose first data breaches leaves INSUFFICIENT_DATA, as CloudWatch says.
        #expect(object["OldStateValue"] as? String == "INSUFFICIENT_DATA")
        #expect(object["Region"] as? String == "US East (N. Virginia)")
        #expect(object["AlarmArn"] as? String == "arn:aws:cloudwatch:us-east-1:123456789012:alarm:DruidQueryFailures")
        #expect(object["AlarmActions"] as? [String] == [topic])
        let time = try #require(object["StateChangeTime"] as? String)
        #expect(time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$"#, options: .regularExpression) != nil)
        let reason = try #require(object["NewStateReason"] as? String)
        #expect(reason.hasPrefix("Threshold Crossed: 3 out of the last 3 datapoints [9.0 ("))
        let trigger = try #require(object["Trigger"] as? [String: Any])
        #expect(trigger["MetricName"] as? String == "query/failed/count")
        #expect(trigger["Namespace"] as? String == "Druid")
        #expect(trigger["StatisticType"] as? String == "Statistic")
        #expect(trigger["Statistic"] as? String == "SUM")
        #expect(trigger["Period"] as? Int == 60)
        #expect(trigger["EvaluationPeriods"] as? Int == 3)
        #expect(trigger["DatapointsToAlarm"] as? Int == 2)
        #expect(trigger["ComparisonOperator"] as? String == "GreaterThanThreshold")
        #expect(trigger["Threshold"] as? Double == 5)
        #expect(trigger["TreatMissingData"] as? String == "notBreaching")
        let dimensions = try #require(trigger["Dimensions"] as? [[String: String]])
        #expect(dimensions.contains(["value": "wikipedia", "name": "dataSource"]))
        #expect(dimensions.contains(["value": "itest", "name": "Cluster"]))
    }
}
