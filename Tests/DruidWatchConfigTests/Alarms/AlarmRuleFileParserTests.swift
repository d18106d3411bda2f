import DruidWatchConfig
import DruidWatchCore
import Testing

/// One rule file: every field checked against PutMetricAlarm, every problem with file:line and field path.
@Suite struct AlarmRuleFileParserTests {
    private func parse(_ yaml: String, file: String = "alarms/query.yaml", cluster: String = "prod-druid") -> (rules: [AlarmRuleDefinition], issues: [String]) {
        let parsed = AlarmRuleFileParser.parse(yaml: yaml, file: file, variables: AlarmRuleVariables(cluster: cluster, namespace: "Druid"))
        return (parsed.rules.map(\.rule), parsed.issues.map(\.description))
    }

    /// The issues of one rule given by its lines under `rules:` (which starts on line 6).
    private func issues(_ ruleLines: String) -> [String] {
        parse(Self.header + ruleLines).issues
    }

    static let header = """
        group: query
        defaults:
          dimensions: {Cluster: "${cluster}"}
          labels: {team: druid}
        rules:

        """

    /// A valid single-metric rule, lines 6–19, with `extra` appended (line 20 on).
    static func rule(_ extra: String = "", replacing: [String: String] = [:]) -> String {
        var fields: [(String, String)] = [
            ("name", "DruidQueryFailures"),
            ("description", "Broker queries are failing."),
            ("severity", "page"),
            ("labels", "{component: query}"),
            ("metric", "{name: query/failed/count, statistic: Sum, dimensions: {Service: druid/broker, dataSource: \"*\"}}"),
            ("group_by", "[dataSource]"),
            ("across", "sum"),
            ("period", "5m"),
            ("evaluation_periods", "5"),
            ("datapoints_to_alarm", "3"),
            ("comparison", "GreaterThanThreshold"),
            ("threshold", "5"),
            ("missing_data", "notBreaching"),
            ("dashboard", "query"),
        ]
        fields = fields.map { ($0.0, replacing[$0.0] ?? $0.1) }.filter { $0.1 != "-" }
        let lines = fields.enumerated().map { index, field in (index == 0 ? "  - " : "    ") + "\(field.0): \(field.1)" }
        return lines.joined(separator: "\n") + "\n" + extra
    }

    // MARK: A valid rule

    @Test func aValidRuleBecomesItsDefinition() throws {
        let parsed = parse(Self.header + Self.rule())
        #expect(parsed.issues == [])
        let rule = try #require(parsed.rules.first)
        #expect(parsed.rules.count == 1)
        #expect(rule.name == "DruidQueryFailures")
        #expect(rule.group == "query")
        #expect(rule.description == "Broker queries are failing.")
        #expect(rule.severity == "page")
        #expect(rule.labels == ["team": "druid", "component": "query"])
        #expect(rule.runbook == "DruidQueryFailures.md")
        #expect(rule.dashboard == "query")
        #expect(rule.location == "alarms/query.yaml:6")
        let metric = try #require(rule.metricRule)
        #expect(metric.metrics == [RuleMetricQuery(
            id: "m1", namespace: "Druid", metricName: "query/failed/count", statistic: .sum,
            dimensions: [
                DimensionMatcher(name: "Cluster", value: "prod-druid"),
                DimensionMatcher(name: "Service", value: "druid/broker"),
                DimensionMatcher(name: "dataSource", value: nil),
            ]
        )])
        #expect(metric.expression == nil)
        #expect(metric.groupBy == ["dataSource"])
        #expect(metric.across == .sum)
        #expect(metric.isDeadMan == false)
        #expect(metric.forgetAfterSeconds == 86_400)
        #expect(metric.configuration == (try MetricAlarmConfiguration(
            periodSeconds: 300, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 5,
            comparison: .greaterThanThreshold, treatMissingData: .notBreaching
        )))
    }

    @Test func theGroupDefaultsToTheFileName() throws {
        let parsed = parse("rules:\n" + Self.rule(), file: "/etc/druidwatch/alarms/ingestion.yaml")
        #expect(parsed.issues == [])
        #expect(parsed.rules.map(\.group) == ["ingestion"])
        // Without defaults, no Cluster dimension is added.
        #expect(parsed.rules.first?.metricRule?.metrics.first?.dimensions.map(\.name) == ["Service", "dataSource"])
    }

    @Test(arguments: [("10s", 10), ("30", 30), ("60", 60), ("300", 300), ("1h", 3600), ("2m", 120)])
    func periodsCloudWatchAccepts(text: String, seconds: Int) throws {
        let parsed = parse(Self.header + Self.rule(replacing: ["period": text, "evaluation_periods": "1", "datapoints_to_alarm": "1"]))
        #expect(parsed.issues == [])
        #expect(parsed.rules.first?.metricRule?.periodSeconds == seconds)
    }

    @Test(arguments: [
        (">", ComparisonOperator.greaterThanThreshold), (">=", .greaterThanOrEqualToThreshold), ("<", .lessThanThreshold),
        ("<=", .lessThanOrEqualToThreshold), ("LessThanThreshold", .lessThanThreshold),
    ])
    func comparisonsBySymbolOrName(text: String, comparison: ComparisonOperator) throws {
        let parsed = parse(Self.header + Self.rule(replacing: ["comparison": "\"\(text)\""]))
        #expect(parsed.issues == [])
        #expect(parsed.rules.first?.metricRule?.configuration.comparison == comparison)
    }

    @Test func clusterIsSubstituted() throws {
        let parsed = parse(Self.header + Self.rule(), cluster: "staging-druid")
        #expect(parsed.rules.first?.metricRule?.metrics.first?.dimensions.first == DimensionMatcher(name: "Cluster", value: "staging-druid"))
    }

    @Test func defaultDimensionsApplyOnlyToTheDefaultNamespace() throws {
        let parsed = parse(Self.header + """
              - name: MetadataDbCpuHigh
                severity: ticket
                metric: {namespace: AWS/RDS, name: CPUUtilization, statistic: Average, dimensions: {DBInstanceIdentifier: druid-metadata}}
                period: 5m
                evaluation_periods: 3
                comparison: ">"
                threshold: 80

            """)
        #expect(parsed.issues == [])
        let metric = try #require(parsed.rules.first?.metricRule?.metrics.first)
        #expect(metric.namespace == "AWS/RDS")
        #expect(metric.dimensions == [DimensionMatcher(name: "DBInstanceIdentifier", value: "druid-metadata")])
        // M defaults to N.
        #expect(parsed.rules.first?.metricRule?.configuration.datapointsToAlarm == 3)
        #expect(parsed.rules.first?.metricRule?.configuration.treatMissingData == .missing)
    }

    @Test func aRuleDimensionOverridesTheDefaultOne() throws {
        let parsed = parse(Self.header + Self.rule(replacing: [
            "metric": "{name: query/failed/count, statistic: Sum, dimensions: {Cluster: other, Service: druid/broker, dataSource: \"*\"}}",
        ]))
        #expect(parsed.rules.first?.metricRule?.metrics.first?.dimensions.first == DimensionMatcher(name: "Cluster", value: "other"))
        #expect(parsed.rules.first?.metricRule?.metrics.first?.dimensions.count == 3)
    }

    // MARK: Errors, each with file:line and field

    @Test func anUnknownKeyIsNamedWithASuggestion() {
        #expect(issues(Self.rule("    dashbord: query\n")) == [
            "alarms/query.yaml:20: rules[0].dashbord: unknown key 'dashbord' (did you mean 'dashboard'?); allowed: "
                + "name, description, severity, labels, metric, metrics, expression, group_by, across, period, evaluation_periods, "
                + "datapoints_to_alarm, comparison, threshold, missing_data, runbook, dashboard, composite, actions_suppressor, deadman, forget_after",
        ])
    }

    @Test func aPeriodCloudWatchRefuses() {
        #expect(issues(Self.rule(replacing: ["period": "45s"])) == [
            "alarms/query.yaml:13: rules[0].period: must be 10s, 20s, 30s or a multiple of 60s (CloudWatch alarm periods)",
            "alarms/query.yaml:6: rules[0]: needs `period`, here or in `defaults`",
        ])
    }

    @Test func moreDatapointsToAlarmThanEvaluationPeriods() {
        #expect(issues(Self.rule(replacing: ["datapoints_to_alarm": "6"])) == [
            "alarms/query.yaml:15: rules[0].datapoints_to_alarm: \(AlarmConfigurationError.invalidDatapointsToAlarm(6, evaluationPeriods: 5))",
        ])
    }

    @Test func anEvaluationSpanOverADayForPeriodsUnderAnHour() {
        // 289 five-minute periods: 86,700 s.
        #expect(issues(Self.rule(replacing: ["evaluation_periods": "289", "datapoints_to_alarm": "-"])) == [
            "alarms/query.yaml:14: rules[0].evaluation_periods: \(AlarmConfigurationError.evaluationSpanTooLong(seconds: 86_700, limit: 86_400))",
        ])
        // 288 is a day exactly; a week of hours is allowed too, one more is not.
        #expect(issues(Self.rule(replacing: ["evaluation_periods": "288", "datapoints_to_alarm": "-"])) == [])
        #expect(issues(Self.rule(replacing: ["period": "1h", "evaluation_periods": "168", "datapoints_to_alarm": "-"])) == [])
        #expect(issues(Self.rule(replacing: ["period": "1h", "evaluation_periods": "169", "datapoints_to_alarm": "-"])) == [
            "alarms/query.yaml:14: rules[0].evaluation_periods: \(AlarmConfigurationError.evaluationSpanTooLong(seconds: 608_400, limit: 604_800))",
        ])
    }

    @Test func aStatisticCloudWatchDoesNotKnow() {
        #expect(issues(Self.rule(replacing: ["metric": "{name: query/failed/count, statistic: avg, dimensions: {Service: druid/broker, dataSource: \"*\"}}"])) == [
            "alarms/query.yaml:10: rules[0].metric.statistic: 'avg' is not a CloudWatch statistic: SampleCount, Average, Sum, Minimum, Maximum, "
                + "or pNN, pNN.NN, tmNN, tcNN, tsNN, wmNN, IQM",
        ])
    }

    @Test func aComparisonThatIsNeitherSymbolNorName() {
        #expect(issues(Self.rule(replacing: ["comparison": "\"=>\""])) == [
            "alarms/query.yaml:16: rules[0].comparison: expected >, >=, <, <= or one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, "
                + "LessThanThreshold, LessThanOrEqualToThreshold",
        ])
    }

    @Test func groupByMustBeADimensionOfTheMetric() {
        #expect(issues(Self.rule(replacing: ["group_by": "[InstanceId]"])) == [
            "alarms/query.yaml:11: rules[0].group_by: 'InstanceId' must be one of the dimensions of metric 'm1' (usually with \"*\")",
        ])
    }

    @Test func aRuleNeedsASeverityAndAKind() {
        #expect(issues(Self.rule(replacing: ["severity": "-"])) == [
            "alarms/query.yaml:6: rules[0]: every rule needs a `severity` (page or ticket), here or in `defaults`",
        ])
        #expect(issues("  - {name: Nothing, severity: page}\n") == [
            "alarms/query.yaml:6: rules[0]: a rule needs one of `metric`, `metrics` with `expression`, `composite` or `deadman`",
        ])
    }

    @Test func labelsDruidwatchSetsItselfAreRefused() {
        #expect(issues(Self.rule(replacing: ["labels": "{alarm: x}"])) == [
            "alarms/query.yaml:9: rules[0].labels.alarm: 'alarm' is set by druidwatch itself (the rule's name, severity and group)",
        ])
    }

    @Test func aRunbookIsAFileNameEndingInMd() {
        #expect(issues(Self.rule("    runbook: ../secret.txt\n")) == [
            "alarms/query.yaml:20: rules[0].runbook: must be a file name under alarms/runbooks/, ending in .md",
        ])
    }

    // MARK: Metric math

    static func math(metrics: [String], expression: String) -> String {
        """
          - name: DruidQueryFailureRate
            severity: page
            metrics:
        \(metrics.map { "      \($0)" }.joined(separator: "\n"))
            expression: \(expression)
            period: 5m
            evaluation_periods: 3
            comparison: ">"
            threshold: 1

        """
    }

    static let failed = "failed: {name: query/failed/count, statistic: Sum, dimensions: {Service: druid/broker}}"
    static let total = "total: {name: query/count, statistic: Sum, dimensions: {Service: druid/broker}}"

    @Test func aMathRuleReadsItsMetricsByID() throws {
        let parsed = parse(Self.header + Self.math(metrics: [Self.failed, Self.total], expression: "100 * failed / total"))
        #expect(parsed.issues == [])
        let rule = try #require(parsed.rules.first?.metricRule)
        #expect(rule.metrics.map(\.id) == ["failed", "total"])
        #expect(rule.metrics.map(\.metricName) == ["query/failed/count", "query/count"])
        #expect(rule.expression == (try MetricExpression.parse("100 * failed / total")))
    }

    @Test func aMathIDMustStartLowerCase() {
        let failed = "Failed: {name: query/failed/count, statistic: Sum}"
        #expect(issues(Self.math(metrics: [failed, Self.total], expression: "failed / total")) == [
            "alarms/query.yaml:9: rules[0].metrics.Failed: metric id 'Failed' must start with a lower-case letter and hold only letters, digits and underscores (at most 255)",
            "alarms/query.yaml:11: rules[0].expression: the expression reads 'failed', which `metrics` does not define",
            "alarms/query.yaml:9: rules[0].metrics: metric 'Failed' is not used by the expression",
        ])
    }

    @Test func atMostTenMetrics() {
        let metrics = (0..<11).map { "m\($0): {name: x\($0), statistic: Sum}" }
        let expression = (0..<11).map { "m\($0)" }.joined(separator: " + ")
        #expect(issues(Self.math(metrics: metrics, expression: expression)) == [
            "alarms/query.yaml:9: rules[0].metrics: at most 10 metrics in a math rule (CloudWatch's limit)",
        ])
    }

    @Test func anExpressionReadingAnUndefinedID() {
        #expect(issues(Self.math(metrics: [Self.failed, Self.total], expression: "failed / total + errors")) == [
            "alarms/query.yaml:11: rules[0].expression: the expression reads 'errors', which `metrics` does not define",
        ])
    }

    @Test func aMetricTheExpressionDoesNotUse() {
        #expect(issues(Self.math(metrics: [Self.failed, Self.total], expression: "failed * 2")) == [
            "alarms/query.yaml:9: rules[0].metrics: metric 'total' is not used by the expression",
        ])
    }

    @Test func anExpressionThatDoesNotParse() {
        #expect(issues(Self.math(metrics: [Self.failed, Self.total], expression: "\"failed / (total\"")) == [
            "alarms/query.yaml:11: rules[0].expression: at character 16: expected ), found the end",
        ])
    }

    // MARK: Composite and dead-man rules

    @Test func aCompositeRule() throws {
        let parsed = parse(Self.header + """
              - name: DruidClusterDegraded
                severity: page
                composite: ALARM(DruidSegmentsUnavailable) OR ALARM("DruidProcessDown")
                actions_suppressor: {alarm: DruidMaintenanceWindow, wait_period: 60s, extension_period: 2m}

            """)
        #expect(parsed.issues == [])
        let composite = try #require(parsed.rules.first?.compositeRule)
        #expect(composite.text == #"ALARM(DruidSegmentsUnavailable) OR ALARM("DruidProcessDown")"#)
        #expect(composite.rule.children.map(\.alarmName) == ["DruidSegmentsUnavailable", "DruidProcessDown"])
        #expect(composite.suppressor == (try ActionsSuppressor(alarm: AlarmReference("DruidMaintenanceWindow"), waitPeriodSeconds: 60, extensionPeriodSeconds: 120)))
    }

    @Test func aCompositeRuleThatDoesNotParse() throws {
        let composite = "ALARM(A) OR"
        let error = try #require(Self.compositeError(composite))
        #expect(issues("""
              - name: DruidClusterDegraded
                severity: page
                composite: \(composite)
                period: 5m

            """) == [
            "alarms/query.yaml:9: rules[0].period: a composite rule takes no `period`",
            "alarms/query.yaml:8: rules[0].composite: \(error)",
        ])
    }

    static func compositeError(_ text: String) -> AlarmRuleError? {
        do {
            _ = try AlarmRule.parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aSuppressorNeedsBothPeriods() {
        #expect(issues("""
              - name: DruidClusterDegraded
                severity: page
                composite: ALARM(A)
                actions_suppressor: {alarm: M}

            """) == [
            "alarms/query.yaml:9: rules[0].actions_suppressor: needs `alarm`, `wait_period` and `extension_period` (CloudWatch requires both periods; 60s is AWS's recommendation)",
        ])
    }

    @Test func aDeadManRuleIsSampleCountBelowOneBreachingEveryMinute() throws {
        let parsed = parse(Self.header + """
              - name: DruidwatchAgentSilent
                severity: ticket
                deadman:
                  metric: {namespace: CWAgent, name: cpu_usage_active, dimensions: {InstanceId: "*"}}
                  silent_for: 5m
                group_by: [InstanceId]
                forget_after: 1h

            """)
        #expect(parsed.issues == [])
        let rule = try #require(parsed.rules.first?.metricRule)
        #expect(rule.isDeadMan)
        #expect(rule.metrics == [RuleMetricQuery(
            id: "m1", namespace: "CWAgent", metricName: "cpu_usage_active", statistic: .sampleCount,
            dimensions: [DimensionMatcher(name: "InstanceId", value: nil)]
        )])
        #expect(rule.groupBy == ["InstanceId"])
        #expect(rule.forgetAfterSeconds == 3600)
        #expect(rule.configuration == (try MetricAlarmConfiguration(
            periodSeconds: 60, evaluationPeriods: 5, threshold: 1, comparison: .lessThanThreshold, treatMissingData: .breaching
        )))
    }

    @Test func aDeadManRuleSetsItsOwnPeriod() {
        #expect(issues("""
              - name: Silent
                severity: ticket
                deadman:
                  metric: {name: cpu_usage_active}
                  silent_for: 90s
                period: 5m

            """) == [
            "alarms/query.yaml:11: rules[0].period: a dead-man rule sets `period` itself (SampleCount < 1 for `silent_for`, missing data breaching)",
            "alarms/query.yaml:10: rules[0].deadman.silent_for: must be a whole number of minutes, at least 1m",
        ])
    }

    @Test func aDeadManRuleRefusesAStatistic() {
        let found = issues("""
              - name: Silent
                severity: ticket
                deadman:
                  metric: {name: cpu_usage_active, statistic: Sum}

            """)
        #expect(found == ["alarms/query.yaml:9: rules[0].deadman.metric.statistic: a dead-man rule always counts samples (SampleCount); remove `statistic`"])
    }

    @Test func oneBadRuleDoesNotHideTheOthers() {
        let parsed = parse(Self.header + Self.rule(replacing: ["period": "45s"]) + Self.rule(replacing: ["name": "Second"]))
        #expect(parsed.rules.map(\.name) == ["Second"])
        #expect(parsed.issues.count == 2)
    }
}
