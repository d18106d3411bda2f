import DruidWatchCore
import Testing

/// A rule's condition in one line (catalog overview, `alarms status`).
@Suite struct AlarmConditionTextTests {
    typealias F = AlarmRuleFixtures

    @Test func aFannedOutSingleMetricRule() throws {
        let rule = F.metricRule(
            "DruidQueryFailures",
            metrics: [F.query("query/failed/count", ["Cluster": "prod-druid", "Service": "druid/broker", "dataSource": nil])],
            groupBy: ["dataSource"],
            configuration: try F.configuration(period: 300, n: 5, m: 3, threshold: 5, missing: .notBreaching)
        )
        // The cluster and the wildcards are left out: they say nothing about the condition.
        #expect(AlarmConditionText.describe(rule)
            == "Sum query/failed/count {Service=druid/broker} per dataSource > 5.0 for 3 of 5 × 5m, missing: notBreaching")
    }

    @Test(arguments: [
        (ComparisonOperator.greaterThanThreshold, ">"),
        (.greaterThanOrEqualToThreshold, ">="),
        (.lessThanThreshold, "<"),
        (.lessThanOrEqualToThreshold, "<="),
    ])
    func comparisonsAreSymbols(comparison: ComparisonOperator, symbol: String) throws {
        let rule = F.metricRule(
            "HostDiskFull", metrics: [F.query(namespace: "CWAgent", "disk_used_percent", statistic: .maximum)],
            configuration: try F.configuration(period: 60, n: 1, threshold: 95, comparison: comparison)
        )
        #expect(AlarmConditionText.describe(rule) == "Maximum disk_used_percent \(symbol) 95.0 for 1 of 1 × 1m, missing: missing")
    }

    @Test func aMathRuleShowsItsExpressionAndMetrics() throws {
        let rule = F.metricRule(
            "DruidQueryFailureRate",
            metrics: [
                F.query(id: "failed", "query/failed/count", ["Service": "druid/broker"]),
                F.query(id: "total", "query/count", ["Service": "druid/broker"]),
            ],
            expression: try MetricExpression.parse("100 * failed / total"),
            configuration: try F.configuration(period: 3600, n: 2, threshold: 1.5)
        )
        #expect(AlarmConditionText.describe(rule)
            == "((100.0 * failed) / total) where failed = Sum query/failed/count {Service=druid/broker}, "
            + "total = Sum query/count {Service=druid/broker} > 1.5 for 2 of 2 × 1h, missing: missing")
    }

    @Test func aDeadManRuleSaysWhatGoesSilentForHowLong() throws {
        let rule = F.metricRule(
            "DruidwatchAgentSilent",
            metrics: [F.query(namespace: "CWAgent", "cpu_usage_active", statistic: .sampleCount, ["InstanceId": nil])],
            groupBy: ["InstanceId"],
            configuration: try F.configuration(period: 60, n: 5, threshold: 1, comparison: .lessThanThreshold, missing: .breaching),
            deadMan: true
        )
        #expect(AlarmConditionText.describe(rule) == "no cpu_usage_active for 5m per InstanceId")
    }

    @Test func periodsAreWrittenInTheLargestWholeUnit() throws {
        for (period, n, text) in [(10, 3, "10s"), (30, 1, "30s"), (120, 1, "2m"), (7200, 1, "2h"), (86_400, 7, "1d")] {
            let rule = F.metricRule("R", metrics: [F.query("x")], configuration: try F.configuration(period: period, n: n))
            #expect(AlarmConditionText.describe(rule).hasSuffix("for \(n) of \(n) × \(text), missing: missing"))
        }
    }

    @Test func aCompositeIsItsRuleAndItsSuppressor() throws {
        let plain = try F.compositeRule("DruidClusterDegraded", "ALARM(A) OR ALARM(B)")
        #expect(AlarmConditionText.describe(plain) == "ALARM(A) OR ALARM(B)")
        let suppressed = try F.compositeRule(
            "DruidClusterDegraded", "ALARM(A) OR ALARM(B)",
            suppressor: try ActionsSuppressor(alarm: AlarmReference("DruidMaintenanceWindow"), waitPeriodSeconds: 60, extensionPeriodSeconds: 60)
        )
        #expect(AlarmConditionText.describe(suppressed) == "ALARM(A) OR ALARM(B) (suppressed by DruidMaintenanceWindow)")
    }
}
