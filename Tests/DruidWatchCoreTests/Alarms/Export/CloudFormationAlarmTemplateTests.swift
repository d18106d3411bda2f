@testable import DruidWatchCore
import Foundation
import Testing

/// The CloudFormation export of a rule set: which rules become native alarms, with which
/// properties, and which are listed as skipped with their reason.
@Suite struct CloudFormationAlarmTemplateTests {
    static func metric(
        _ name: String, severity: String = "page", metrics: [RuleMetricQuery], expression: String? = nil, groupBy: [String] = [],
        isDeadMan: Bool = false, threshold: Double = 5, comparison: ComparisonOperator = .greaterThanThreshold,
        missing: TreatMissingData = .notBreaching, description: String? = "Something is wrong."
    ) throws -> AlarmRuleDefinition {
        let configuration = try MetricAlarmConfiguration(
            periodSeconds: 300, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: threshold, comparison: comparison, treatMissingData: missing
        )
        let rule = MetricRule(
            metrics: metrics, expression: try expression.map { try MetricExpression.parse($0) }, groupBy: groupBy,
            configuration: configuration, isDeadMan: isDeadMan
        )
        return AlarmRuleDefinition(name: name, group: "test", description: description, severity: severity, kind: .metric(rule))
    }

    static func query(_ name: String, id: String = "m1", statistic: AlarmStatistic = .sum, unit: MetricUnit? = nil, _ dimensions: [String: String?]) -> RuleMetricQuery {
        RuleMetricQuery(
            id: id, namespace: "Druid", metricName: name, statistic: statistic, unit: unit,
            dimensions: dimensions.sorted { $0.key < $1.key }.map { DimensionMatcher(name: $0.key, value: $0.value) }
        )
    }

    static func composite(_ name: String, _ text: String, suppressor: String? = nil, severity: String = "page") throws -> AlarmRuleDefinition {
        let suppression = try suppressor.map { try ActionsSuppressor(alarm: AlarmReference($0), waitPeriodSeconds: 60, extensionPeriodSeconds: 300) }
        return AlarmRuleDefinition(
            name: name, group: "test", severity: severity,
            kind: .composite(CompositeRule(rule: try AlarmRule.parse(text), text: text, suppressor: suppression))
        )
    }

    /// The template as JSON objects.
    static func parse(_ template: CloudFormationAlarmTemplate) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(template.text.utf8)) as? [String: Any])
    }

    static func resource(_ json: [String: Any], _ id: String) throws -> (type: String, properties: [String: Any], dependsOn: [String]?) {
        let resources = try #require(json["Resources"] as? [String: Any])
        let resource = try #require(resources[id] as? [String: Any], "no resource \(id) in \(resources.keys.sorted())")
        return (try #require(resource["Type"] as? String), try #require(resource["Properties"] as? [String: Any]), resource["DependsOn"] as? [String])
    }

    @Test func aSingleMetricRuleWithFixedDimensionsIsOneAlarmWithEveryProperty() throws {
        let rules = AlarmRuleSet([
            try Self.metric("DruidQueryTimeouts", severity: "ticket", metrics: [Self.query("query/timeout/count", unit: .count, ["Cluster": "prod", "Service": "druid/broker"])]),
        ])
        let template = CloudFormationAlarmTemplate(rules: rules, options: .init(runbookBaseURL: "https://example.com/runbooks/"))
        #expect(template.exported == ["DruidQueryTimeouts"])
        #expect(template.skipped.isEmpty)
        #expect(template.topicParameters == ["ticket": "TicketTopicArn"])
        let json = try Self.parse(template)
        #expect(json["AWSTemplateFormatVersion"] as? String == "2010-09-09")
        let parameters = try #require(json["Parameters"] as? [String: Any])
        #expect(Array(parameters.keys) == ["TicketTopicArn"])
        let alarm = try Self.resource(json, "DruidQueryTimeoutsAlarm")
        #expect(alarm.type == "AWS::CloudWatch::Alarm")
        let p = alarm.properties
        #expect(p["AlarmName"] as? String == "DruidQueryTimeouts")
        #expect(p["AlarmDescription"] as? String == "Something is wrong.\nRunbook: https://example.com/runbooks/DruidQueryTimeouts.md")
        #expect(p["Namespace"] as? String == "Druid")
        #expect(p["MetricName"] as? String == "query/timeout/count")
        let dimensions = try #require(p["Dimensions"] as? [[String: String]])
        #expect(dimensions == [["Name": "Cluster", "Value": "prod"], ["Name": "Service", "Value": "druid/broker"]])
        #expect(p["Statistic"] as? String == "Sum")
        #expect(p["ExtendedStatistic"] == nil)
        #expect(p["Period"] as? Int == 300)
        #expect(p["Unit"] as? String == "Count")
        #expect(p["EvaluationPeriods"] as? Int == 5)
        #expect(p["DatapointsToAlarm"] as? Int == 3)
        #expect(p["Threshold"] as? Double == 5)
        #expect(p["ComparisonOperator"] as? String == "GreaterThanThreshold")
        #expect(p["TreatMissingData"] as? String == "notBreaching")
        #expect(p["AlarmActions"] as? [[String: String]] == [["Ref": "TicketTopicArn"]])
        #expect(p["OKActions"] as? [[String: String]] == [["Ref": "TicketTopicArn"]])
        #expect(p["Metrics"] == nil)
    }

    @Test func aPercentileIsAnExtendedStatistic() throws {
        let rules = AlarmRuleSet([try Self.metric("Latency", metrics: [Self.query("query/time", statistic: .extended("p99"), ["Service": "druid/broker"])])])
        let p = try Self.resource(Self.parse(CloudFormationAlarmTemplate(rules: rules)), "LatencyAlarm").properties
        #expect(p["ExtendedStatistic"] as? String == "p99")
        #expect(p["Statistic"] == nil)
    }

    @Test func aMathRuleIsMetricStatEntriesAndOneReturnedExpression() throws {
        let rules = AlarmRuleSet([
            try Self.metric("DruidQueryFailureRate", metrics: [
                Self.query("query/failed/count", id: "failed", ["Cluster": "prod", "Service": "druid/broker"]),
                Self.query("query/count", id: "total", ["Cluster": "prod", "Service": "druid/broker"]),
            ], expression: "100 * failed / (total + 500)", threshold: 1),
        ])
        let p = try Self.resource(Self.parse(CloudFormationAlarmTemplate(rules: rules)), "DruidQueryFailureRateAlarm").properties
        #expect(p["MetricName"] == nil && p["Namespace"] == nil && p["Statistic"] == nil && p["Period"] == nil)
        let metrics = try #require(p["Metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["Id"] as? String } == ["failed", "total", "expression"])
        #expect(metrics.map { $0["ReturnData"] as? Bool } == [false, false, true])
        let stat = try #require(metrics[0]["MetricStat"] as? [String: Any])
        #expect(stat["Period"] as? Int == 300)
        #expect(stat["Stat"] as? String == "Sum")
        let metric = try #require(stat["Metric"] as? [String: Any])
        #expect(metric["MetricName"] as? String == "query/failed/count")
        #expect((metric["Dimensions"] as? [[String: String]])?.count == 2)
        #expect(metrics[2]["Expression"] as? String == "(100 * failed) / (total + 500)")
        #expect(metrics[2]["Label"] as? String == "DruidQueryFailureRate")
        #expect(p["Threshold"] as? Double == 1)
    }

    @Test func wildcardsGroupByAndFannedOutDeadMenAreSkippedWithTheirReason() throws {
        let rules = AlarmRuleSet([
            try Self.metric("PerDataSource", metrics: [Self.query("query/time", ["Service": "druid/broker", "dataSource": nil])], groupBy: ["dataSource"]),
            try Self.metric("AnyInstance", metrics: [Self.query("zookeeper/serving", ["InstanceId": nil])]),
            try Self.metric("AgentSilent", metrics: [Self.query("cpu_usage_active", statistic: .sampleCount, ["InstanceId": nil])],
                            groupBy: ["InstanceId"], isDeadMan: true, threshold: 1, comparison: .lessThanThreshold, missing: .breaching),
            try Self.metric("Fixed", metrics: [Self.query("query/count", ["Service": "druid/broker"])]),
        ])
        let template = CloudFormationAlarmTemplate(rules: rules)
        #expect(template.exported == ["Fixed"])
        let reasons = Dictionary(uniqueKeysWithValues: template.skipped.map { ($0.name, $0.reason) })
        #expect(reasons.keys.sorted() == ["AgentSilent", "AnyInstance", "PerDataSource"])
        #expect(reasons["PerDataSource"]?.contains("one alarm state per dataSource (group_by)") == true)
        #expect(reasons["AnyInstance"]?.contains("matches any value of InstanceId") == true)
        #expect(reasons["AgentSilent"]?.hasPrefix("dead-man rule over groups fanned out per InstanceId") == true)
        // The same list is in the template's Metadata.
        let metadata = try #require((try Self.parse(template)["Metadata"] as? [String: Any])?["druidwatch"] as? [String: Any])
        let skipped = try #require(metadata["Skipped"] as? [[String: String]])
        #expect(skipped.map { $0["Alarm"] } == ["AgentSilent", "AnyInstance", "PerDataSource"])
        #expect(skipped.allSatisfy { !($0["Reason"] ?? "").isEmpty })
        #expect(metadata["Exported"] as? [String] == ["Fixed"])
    }

    @Test func aDeadManOverOneFixedSeriesIsExportedAsSampleCountBelowOne() throws {
        let rules = AlarmRuleSet([
            try Self.metric("LeaderSilent", metrics: [Self.query("druid/health/leader", statistic: .sampleCount, ["Service": "druid/coordinator"])],
                            isDeadMan: true, threshold: 1, comparison: .lessThanThreshold, missing: .breaching),
        ])
        let p = try Self.resource(Self.parse(CloudFormationAlarmTemplate(rules: rules)), "LeaderSilentAlarm").properties
        #expect(p["Statistic"] as? String == "SampleCount")
        #expect(p["ComparisonOperator"] as? String == "LessThanThreshold")
        #expect(p["TreatMissingData"] as? String == "breaching")
    }

    @Test func aCompositeOverExportedRulesNamesThemDependsOnThemAndKeepsItsSuppressor() throws {
        let rules = AlarmRuleSet([
            try Self.metric("A", metrics: [Self.query("a", ["Service": "x"])]),
            try Self.metric("B", metrics: [Self.query("b", ["Service": "x"])]),
            try Self.metric("Window", severity: "ticket", metrics: [Self.query("w", ["Service": "x"])]),
            try Self.composite("Both", "ALARM(A) AND (ALARM(\"B\") OR NOT OK(\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:A\"))", suppressor: "Window"),
            try Self.composite("Outer", "ALARM(Both) OR FALSE"),
        ])
        let template = CloudFormationAlarmTemplate(rules: rules)
        #expect(template.skipped.isEmpty)
        #expect(Set(template.exported) == ["A", "B", "Window", "Both", "Outer"])
        let json = try Self.parse(template)
        let both = try Self.resource(json, "BothAlarm")
        #expect(both.type == "AWS::CloudWatch::CompositeAlarm")
        #expect(both.dependsOn == ["AAlarm", "BAlarm", "WindowAlarm"])
        #expect(both.properties["AlarmRule"] as? String == "ALARM(\"A\") AND (ALARM(\"B\") OR NOT OK(\"A\"))")
        #expect(both.properties["ActionsSuppressor"] as? String == "Window")
        #expect(both.properties["ActionsSuppressorWaitPeriod"] as? Int == 60)
        #expect(both.properties["ActionsSuppressorExtensionPeriod"] as? Int == 300)
        #expect(both.properties["AlarmActions"] as? [[String: String]] == [["Ref": "PageTopicArn"]])
        let outer = try Self.resource(json, "OuterAlarm")
        #expect(outer.dependsOn == ["BothAlarm"])
        #expect(outer.properties["AlarmRule"] as? String == "ALARM(\"Both\") OR FALSE")
        let parameters = try #require(json["Parameters"] as? [String: Any])
        #expect(Set(parameters.keys) == ["PageTopicArn", "TicketTopicArn"])
    }

    @Test func aCompositeOverASkippedRuleOrSuppressorIsSkippedAndSoIsOneOverIt() throws {
        let rules = AlarmRuleSet([
            try Self.metric("Fanned", metrics: [Self.query("a", ["dataSource": nil])], groupBy: ["dataSource"]),
            try Self.metric("Fixed", metrics: [Self.query("b", ["Service": "x"])]),
            try Self.metric("WindowAnywhere", metrics: [Self.query("w", ["InstanceId": nil])]),
            try Self.composite("OverFanned", "ALARM(Fanned) AND ALARM(Fixed)"),
            try Self.composite("Suppressed", "ALARM(Fixed)", suppressor: "WindowAnywhere"),
            try Self.composite("OverComposite", "ALARM(OverFanned) OR ALARM(Fixed)"),
        ])
        let template = CloudFormationAlarmTemplate(rules: rules)
        #expect(template.exported == ["Fixed"])
        let reasons = Dictionary(uniqueKeysWithValues: template.skipped.map { ($0.name, $0.reason) })
        #expect(reasons["OverFanned"] == "refers to Fanned, which is not exported")
        #expect(reasons["Suppressed"] == "refers to its actions suppressor WindowAnywhere, which is not exported")
        #expect(reasons["OverComposite"] == "refers to OverFanned, which is not exported")
    }

    @Test func noParameterForASeverityOfSkippedRulesOnly() throws {
        let rules = AlarmRuleSet([
            try Self.metric("Fixed", severity: "page", metrics: [Self.query("b", ["Service": "x"])]),
            try Self.metric("Fanned", severity: "ticket", metrics: [Self.query("a", ["dataSource": nil])], groupBy: ["dataSource"]),
        ])
        #expect(CloudFormationAlarmTemplate(rules: rules).topicParameters == ["page": "PageTopicArn"])
    }

    @Test func theDescriptionIsShortenedToLeaveRoomForTheRunbookLink() throws {
        let long = String(repeating: "x", count: 1100)
        let definition = try Self.metric("Long", metrics: [Self.query("b", ["Service": "x"])], description: long)
        let text = CloudFormationAlarmTemplate.alarmDescription(definition, runbookBaseURL: "https://example.com/")
        #expect(text.count == 1024)
        #expect(text.hasSuffix("…\nRunbook: https://example.com/Long.md"))
        #expect(CloudFormationAlarmTemplate.alarmDescription(definition, runbookBaseURL: nil) .count == 1024)
    }

    @Test func theTemplateIsIndentedJSONInOrder() throws {
        let rules = AlarmRuleSet([try Self.metric("Fixed", metrics: [Self.query("b", ["Service": "x"])])])
        let text = CloudFormationAlarmTemplate(rules: rules).text
        #expect(text.hasPrefix("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Description\": "))
        #expect(text.hasSuffix("}\n"))
        let keys = ["\"Metadata\"", "\"Parameters\"", "\"Resources\""].map { text.range(of: $0)?.lowerBound }
        #expect(keys.allSatisfy { $0 != nil } && keys == keys.sorted { $0! < $1! })
    }
}

@Suite struct CloudWatchMathTextTests {
    static func render(_ text: String) throws -> String {
        try CloudWatchMathText.render(MetricExpression.parse(text))
    }

    @Test(arguments: [
        ("100 * failed / (total + 500)", "(100 * failed) / (total + 500)"),
        ("FILL(processed, 0) + 0 * lag", "FILL(processed, 0) + (0 * lag)"),
        ("ABS(a - b) ^ 2", "ABS(a - b) ^ 2"),
        ("-a + 1.5", "(0 - a) + 1.5"),
        ("MAX([a, b]) / AVG([c, d])", "MAX([a, b]) / AVG([c, d])"),
        ("a > 1 AND b <= 2 || c", "((a > 1) AND (b <= 2)) OR c"),
        ("a * 1000000", "a * 1000000"),
        ("a * 0.001", "a * 0.001"),
    ])
    func rendersCloudWatchText(_ input: String, _ expected: String) throws {
        #expect(try Self.render(input) == expected)
    }

    @Test func aListOverSomethingOtherThanIdsIsNotExported() throws {
        #expect(throws: CloudWatchMathText.Unexpressible.self) { try Self.render("MAX([a, b * 2])") }
        #expect(throws: CloudWatchMathText.Unexpressible.self) { try Self.render("MIN([a, 0])") }
    }

    @Test func numbersAreNeverWrittenWithAnExponent() {
        #expect(CloudWatchMathText.number(1e20) == "100000000000000000000")
        #expect(CloudWatchMathText.number(2_147_483_648) == "2147483648")
        #expect(CloudWatchMathText.number(1.5e-7).contains("e") == false)
        #expect(CloudWatchMathText.number(-3) == "-3")
    }
}

@Suite struct CloudFormationLogicalIDTests {
    @Test func idsAreAlphanumericUniqueAndClearOfParameters() {
        #expect(CloudFormationLogicalIDs.base("druid-query.failures") == "DruidQueryFailures")
        #expect(CloudFormationLogicalIDs.base("5xx errors") == "Alarm5xxErrors")
        #expect(CloudFormationLogicalIDs.base("Ünïcode ok") == "NCodeOk")
        var ids = CloudFormationLogicalIDs()
        #expect(ids.make(from: "page", suffix: "TopicArn") == "PageTopicArn")
        #expect(ids.make(from: "Page", suffix: "TopicArn") == "PageTopicArn2")
        #expect(ids.make(from: "a-b", suffix: "Alarm") == "ABAlarm")
        #expect(ids.make(from: "a_b", suffix: "Alarm") == "ABAlarm2")
        #expect(ids.make(from: String(repeating: "x", count: 400), suffix: "Alarm").count <= 255)
    }
}
