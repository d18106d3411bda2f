import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// `druidwatch alarms export --format cloudformation`: the templates of a small rule set
/// and of the shipped catalog pass the real cfn-lint, and every rule is either in the
/// template or named as skipped.
@Suite struct AlarmExportLintTests {
    static let catalog = Fixtures.repositoryRoot.appendingPathComponent("alarms")

    /// One of each: exportable single-metric, percentile, math and dead-man rules over
    /// fixed dimensions, a composite with a suppressor over them, and rules that cannot
    /// be native alarms (fan-out, wildcard, a composite over a fanned-out rule).
    static let fixture = """
        group: fixture
        defaults:
          namespace: Druid
          dimensions:
            Cluster: ${cluster}
        rules:
          - name: FixtureTimeouts
            description: Broker queries time out.
            severity: ticket
            metric: {name: query/timeout/count, statistic: Sum, unit: Count, dimensions: {Service: druid/broker}}
            period: 5m
            evaluation_periods: 3
            datapoints_to_alarm: 2
            comparison: GreaterThanThreshold
            threshold: 5
            missing_data: notBreaching
          - name: FixtureLatency
            severity: ticket
            metric: {name: query/time, statistic: p99.9, dimensions: {Service: druid/broker}}
            period: 60s
            evaluation_periods: 5
            comparison: ">="
            threshold: 2500.5
          - name: FixtureFailureRate
            description: Broker queries fail.
            severity: page
            metrics:
              failed: {name: query/failed/count, statistic: Sum, dimensions: {Service: druid/broker}}
              total: {name: query/count, statistic: Sum, dimensions: {Service: druid/broker}}
              other: {namespace: AWS/ApplicationELB, name: HTTPCode_ELB_5XX_Count, statistic: Sum, dimensions: {LoadBalancer: app/druid/0123456789abcdef}}
            expression: 100 * MAX([failed, other]) / FILL(total + 500, 1)
            period: 5m
            evaluation_periods: 5
            datapoints_to_alarm: 3
            comparison: GreaterThanThreshold
            threshold: 1
            missing_data: notBreaching
          - name: FixtureCoordinatorSilent
            severity: page
            deadman:
              metric: {name: druid/health/leader, dimensions: {Service: druid/coordinator}}
              silent_for: 5m
          - name: FixtureMaintenance
            severity: ticket
            metric: {name: druidwatch/maintenance, statistic: Maximum}
            period: 60s
            evaluation_periods: 1
            comparison: GreaterThanOrEqualToThreshold
            threshold: 1
            missing_data: notBreaching
          - name: FixtureDegraded
            severity: page
            composite: ALARM(FixtureFailureRate) AND (ALARM(FixtureTimeouts) OR ALARM(FixtureCoordinatorSilent))
            actions_suppressor: {alarm: FixtureMaintenance, wait_period: 60s, extension_period: 300s}
          - name: FixturePerDataSource
            severity: ticket
            metric: {name: query/time, statistic: p99, dimensions: {Service: druid/broker, dataSource: "*"}}
            group_by: [dataSource]
            period: 5m
            evaluation_periods: 5
            comparison: ">"
            threshold: 5000
          - name: FixtureAnyZooKeeper
            severity: page
            metric: {name: zookeeper/serving, statistic: Maximum, dimensions: {InstanceId: "*"}}
            across: average
            period: 60s
            evaluation_periods: 3
            comparison: "<="
            threshold: 0.5
          - name: FixtureDegradedPerDataSource
            severity: page
            composite: ALARM(FixturePerDataSource) OR ALARM(FixtureDegraded)

        """

    static func lint(_ template: CloudFormationAlarmTemplate) async throws -> ChildProcess.Outcome {
        let directory = try TemporaryDirectory()
        try directory.write("alarms.template.json", template.text)
        return try await CfnLint.run(directory.url.appendingPathComponent("alarms.template.json").path)
    }

    @Test("A small rule set: the exportable rules pass cfn-lint, the others are named",
          .enabled(if: CfnLint.path != nil, "cfn-lint is installed by make setup"), .timeLimit(.minutes(2)))
    func fixtureSet() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("fixture.yaml", Self.fixture)
        let rules = try AlarmRuleSetLoader.load(directory: directory.url, variables: AlarmRuleVariables(cluster: "test-druid"), checkRunbooks: false)
        let template = CloudFormationAlarmTemplate(rules: rules, options: .init(runbookBaseURL: "https://example.com/runbooks/"))
        #expect(template.exported == [
            "FixtureCoordinatorSilent", "FixtureDegraded", "FixtureFailureRate", "FixtureLatency", "FixtureMaintenance", "FixtureTimeouts",
        ])
        #expect(template.skipped.map(\.name) == ["FixtureAnyZooKeeper", "FixtureDegradedPerDataSource", "FixturePerDataSource"])
        #expect(template.text.contains("\"Value\": \"test-druid\""))
        let lint = try await Self.lint(template)
        #expect(lint.exitCode == 0, "\(lint.output)\n\(template.text)")
        #expect(lint.output.isEmpty, "\(lint.output)")
    }

    @Test("The shipped catalog for prod-druid: cfn-lint has nothing to say, every rule exported or skipped with a reason",
          .enabled(if: CfnLint.path != nil, "cfn-lint is installed by make setup"), .timeLimit(.minutes(2)))
    func shippedCatalog() async throws {
        let rules = try AlarmRuleSetLoader.load(directory: Self.catalog, variables: AlarmRuleVariables(cluster: "prod-druid"), checkRunbooks: false)
        let template = CloudFormationAlarmTemplate(rules: rules, options: .init(runbookBaseURL: EvaluatorConfig().runbookBaseURL))
        #expect(!template.exported.isEmpty)
        #expect(Set(template.exported).isDisjoint(with: template.skipped.map(\.name)))
        #expect(template.exported.count + template.skipped.count == rules.rules.count)
        #expect(template.skipped.allSatisfy { !$0.reason.isEmpty })
        let lint = try await Self.lint(template)
        #expect(lint.exitCode == 0, "\(lint.output)")
        #expect(lint.output.isEmpty, "\(lint.output)")
    }

    @Test("druidwatch alarms export writes the template and names each skipped rule on stderr",
          .enabled(if: CfnLint.path != nil && DruidWatchExecutable.path != nil, "needs cfn-lint and the built druidwatch"), .timeLimit(.minutes(2)))
    func command() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.url.appendingPathComponent("druid-alarms.json").path
        let outcome = try await DruidWatchExecutable.run([
            "alarms", "export", "--format", "cloudformation", "--rules", Self.catalog.path, "--cluster", "prod-druid", "--output", output,
        ])
        #expect(outcome.exitCode == 0, "\(outcome.output)")
        let rules = try AlarmRuleSetLoader.load(directory: Self.catalog, variables: AlarmRuleVariables(cluster: "prod-druid"), checkRunbooks: false)
        let expected = CloudFormationAlarmTemplate(rules: rules, options: .init(runbookBaseURL: EvaluatorConfig().runbookBaseURL))
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("skipped ") } == expected.skipped.map { "skipped \($0)" })
        #expect(lines.last == "\(output): \(expected.exported.count) of \(rules.rules.count) rules exported, \(expected.skipped.count) skipped")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written.contains("\"Description\": \"druidwatch alarms for Druid cluster prod-druid"))
        let lint = try await CfnLint.run(output)
        #expect(lint.exitCode == 0, "\(lint.output)")
        #expect(lint.output.isEmpty, "\(lint.output)")
    }

    @Test("--log-metric-filters adds ERROR filters per service group and alert filters per severity, cfn-lint clean",
          .enabled(if: CfnLint.path != nil && DruidWatchExecutable.path != nil, "needs cfn-lint and the built druidwatch"), .timeLimit(.minutes(2)))
    func logMetricFilters() async throws {
        let directory = try TemporaryDirectory()
        let output = directory.url.appendingPathComponent("druid-alarms.json").path
        let outcome = try await DruidWatchExecutable.run([
            "alarms", "export", "--rules", Self.catalog.path, "--cluster", "prod-druid", "--output", output,
            "--log-metric-filters", "--log-services", "historical,broker",
        ])
        #expect(outcome.exitCode == 0, "\(outcome.output)")
        let template = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let resources = try #require(template["Resources"] as? [String: [String: Any]])
        let filters = resources.values.filter { $0["Type"] as? String == "AWS::Logs::MetricFilter" }.compactMap { $0["Properties"] as? [String: Any] }
        #expect(filters.count == 2 + 3)
        let errors = filters.filter { ($0["FilterName"] as? String)?.hasSuffix("-errors") == true }
        #expect(Set(errors.compactMap { $0["LogGroupName"] as? String }) == ["/druid/prod-druid/historical", "/druid/prod-druid/broker"])
        #expect(errors.allSatisfy { $0["FilterPattern"] as? String == CloudFormationLogMetricFilters.errorPattern })
        let alerts = filters.filter { $0["LogGroupName"] as? String == "/druid/prod-druid/alerts" }
        #expect(Set(alerts.compactMap { $0["FilterPattern"] as? String }) == Set(CloudFormationLogMetricFilters.severities.map { "{ $.severity = \"\($0)\" }" }))
        let transformation = try #require((alerts.first?["MetricTransformations"] as? [[String: Any]])?.first)
        #expect(transformation["MetricName"] as? String == "druid/log/alerts")
        #expect((transformation["Dimensions"] as? [[String: String]])?.map { $0["Value"] ?? "" } == ["$.service", "$.severity"])
        let lint = try await CfnLint.run(output)
        #expect(lint.exitCode == 0, "\(lint.output)")
        #expect(lint.output.isEmpty, "\(lint.output)")
    }

    @Test("Nothing exportable: exit status 1 and no template",
          .enabled(if: DruidWatchExecutable.path != nil, "needs the built druidwatch"), .timeLimit(.minutes(1)))
    func nothingExportable() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("rules/fanned.yaml", """
            rules:
              - name: OnlyFanned
                severity: page
                metric: {namespace: Druid, name: query/time, statistic: p99, dimensions: {dataSource: "*"}}
                group_by: [dataSource]
                period: 5m
                evaluation_periods: 1
                comparison: ">"
                threshold: 1

            """)
        let output = directory.url.appendingPathComponent("out.json").path
        let outcome = try await DruidWatchExecutable.run(["alarms", "export", "--rules", directory.url.appendingPathComponent("rules").path, "--output", output])
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.contains("skipped OnlyFanned: fans out to one alarm state per dataSource"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
