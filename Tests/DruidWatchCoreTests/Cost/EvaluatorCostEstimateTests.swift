import DruidWatchCore
import Testing

@Suite("Evaluator cost estimate")
struct EvaluatorCostEstimateTests {
    static func configuration(period: Int) throws -> MetricAlarmConfiguration {
        try MetricAlarmConfiguration(periodSeconds: period, evaluationPeriods: 3, threshold: 1, comparison: .greaterThanThreshold)
    }

    static func query(_ id: String, _ metric: String, _ statistic: AlarmStatistic, _ dimensions: [DimensionMatcher]) -> RuleMetricQuery {
        RuleMetricQuery(id: id, namespace: "T", metricName: metric, statistic: statistic, dimensions: dimensions)
    }

    static func metricRule(_ name: String, _ rule: MetricRule) -> AlarmRuleDefinition {
        AlarmRuleDefinition(name: name, group: "test", severity: "ticket", kind: .metric(rule))
    }

    /// cpu on three instances; failed and total once each for the broker.
    static func series(_ query: RuleMetricQuery) -> [MetricIdentity] {
        switch query.metricName {
        case "cpu": (1...3).map { MetricIdentity(namespace: "T", metricName: "cpu", dimensions: [MetricDimension("InstanceId", "i-\($0)")]) }
        default: [MetricIdentity(namespace: "T", metricName: query.metricName, dimensions: [MetricDimension("Service", "druid/broker")])]
        }
    }

    /// A: cpu per instance (3 groups); B: the same series as one group (shared with A);
    /// C: failed / total at 300 s; D: a composite over A and B.
    static func ruleSet() throws -> AlarmRuleSet {
        let cpu = query("m1", "cpu", .maximum, [DimensionMatcher(name: "InstanceId", value: nil)])
        let broker = [DimensionMatcher(name: "Service", value: "druid/broker")]
        return AlarmRuleSet([
            metricRule("A", MetricRule(metrics: [cpu], groupBy: ["InstanceId"], configuration: try configuration(period: 60))),
            metricRule("B", MetricRule(metrics: [cpu], configuration: try configuration(period: 60))),
            metricRule("C", MetricRule(
                metrics: [query("f", "failed", .sum, broker), query("t", "total", .sum, broker)],
                expression: try MetricExpression.parse("100 * f / t"), across: .sum, configuration: try configuration(period: 300)
            )),
            AlarmRuleDefinition(name: "D", group: "test", severity: "page", kind: .composite(CompositeRule(
                rule: .or(.childIs(.alarm, AlarmReference("A")), .childIs(.alarm, AlarmReference("B"))), text: "ALARM(A) OR ALARM(B)"
            ))),
        ])
    }

    @Test("A series shared by two rules is requested once per period; native alarms pay for it in each")
    func smallRuleSet() throws {
        let estimate = EvaluatorCostEstimate.estimate(rules: try Self.ruleSet(), series: Self.series)
        #expect(estimate.distinctSeries == 5)
        #expect(estimate.distinctSeriesByPeriod == [60: 3, 300: 2])
        #expect(estimate.seriesReadByRules == 8)
        // 3 × 2,628,000 / 60 + 2 × 2,628,000 / 300
        #expect(estimate.getMetricDataMetricsPerMonth == 148_920)
        #expect(abs(estimate.getMetricDataUSDPerMonth - 1.4892) < 1e-9)
        // One call at every minute (5 series at most): 1,440 a day, 30.4166… days.
        #expect(estimate.getMetricDataCallsPerMonth == 43_800)
        // cpu, failed{Service}, total{Service}: one page each every 900 s.
        #expect(estimate.listMetricsListings == 3)
        #expect(estimate.listMetricsRequestsPerMonth == 8_760)
        #expect(abs(estimate.listMetricsUSDPerMonth - 0.0876) < 1e-9)
        #expect(abs(estimate.evaluatorUSDPerMonth - 1.5768) < 1e-9)

        #expect(estimate.rules.map(\.name) == ["A", "B", "C"])
        #expect(estimate.rules.map(\.groups) == [3, 1, 1])
        #expect(estimate.rules.map(\.nativeAlarmMetrics) == [3, 3, 2])
        #expect(estimate.nativeMetricAlarms == 5)
        #expect(estimate.nativeAlarmMetrics == 8)
        #expect(estimate.nativeHighResolutionAlarmMetrics == 0)
        #expect(estimate.nativeCompositeAlarms == 1)
        // 8 × $0.10 + $0.50
        #expect(abs(estimate.nativeUSDPerMonth - 1.30) < 1e-9)
        #expect(abs((estimate.nativeToEvaluatorRatio ?? 0) - 1.30 / 1.5768) < 1e-9)
    }

    @Test("With the agents' direct feed, their namespace's series need no GetMetricData")
    func directFeed() throws {
        let rules = try Self.ruleSet()
        let namespaces = Set(rules.metricRules.flatMap { $0.rule.metrics.map(\.namespace) })
        let fed = EvaluatorCostEstimate.estimate(rules: rules, series: Self.series, directFeedNamespace: namespaces.first ?? "")
        #expect(namespaces.count == 1)
        #expect(fed.getMetricDataMetricsPerMonth == 0)
        #expect(fed.getMetricDataUSDPerMonth == 0)
        // Discovery still lists, and the native figure does not change.
        #expect(fed.listMetricsRequestsPerMonth == 8_760)
        #expect(abs(fed.nativeUSDPerMonth - 1.30) < 1e-9)
    }

    @Test("The same series at another period is another request; under 60 s alarms are high resolution")
    func periods() throws {
        let cpu = Self.query("m1", "cpu", .maximum, [DimensionMatcher(name: "InstanceId", value: "i-1")])
        let rules = AlarmRuleSet([
            Self.metricRule("Fast", MetricRule(metrics: [cpu], configuration: try Self.configuration(period: 10))),
            Self.metricRule("Slow", MetricRule(metrics: [cpu], configuration: try Self.configuration(period: 300))),
        ])
        let estimate = EvaluatorCostEstimate.estimate(rules: rules, series: { _ in
            [MetricIdentity(namespace: "T", metricName: "cpu", dimensions: [MetricDimension("InstanceId", "i-1")])]
        }, discoveryIntervalSeconds: 3600)
        #expect(estimate.distinctSeriesByPeriod == [10: 1, 300: 1])
        #expect(estimate.getMetricDataMetricsPerMonth == 262_800 + 8_760)
        // Both rules list cpu{InstanceId=i-1}: one listing an hour.
        #expect(estimate.listMetricsRequestsPerMonth == 730)
        #expect(estimate.nativeHighResolutionAlarmMetrics == 1)
        #expect(abs(estimate.nativeUSDPerMonth - 0.40) < 1e-9)
    }

    @Test("A rule matching nothing still costs its placeholder group, as the evaluator keeps one")
    func nothingMatched() throws {
        let rules = AlarmRuleSet([Self.metricRule("Silent", MetricRule(
            metrics: [Self.query("m1", "gone", .sampleCount, [])], configuration: try Self.configuration(period: 60), isDeadMan: true
        ))])
        let estimate = EvaluatorCostEstimate.estimate(rules: rules, series: { _ in [] })
        #expect(estimate.distinctSeries == 0)
        #expect(estimate.nativeMetricAlarms == 1)
        #expect(estimate.nativeAlarmMetrics == 1)
        #expect(estimate.listMetricsRequestsPerMonth == 2_920)
    }

    @Test("The fleet's series: instances per service, dataSources, ZooKeeper beside the masters")
    func fleetSeries() {
        let fleet = AlarmSeriesFleet(layout: FleetLayout(nodes: [.master: 3, .query: 3, .data: 14, .zookeeper: 0]))
        let any = { (name: String) in DimensionMatcher(name: name, value: nil) }
        let jvm = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "jvm/mem/used", statistic: .maximum,
                                  dimensions: [DimensionMatcher(name: "memKind", value: "heap"), any("Service"), any("InstanceId")])
        // master 2 services × 3, data 3 × 14, query 2 × 3
        #expect(fleet.series(for: jvm).count == 54)
        let historical = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "jvm/gc/time", statistic: .sum,
                                         dimensions: [DimensionMatcher(name: "Service", value: "druid/historical"), any("InstanceId")])
        #expect(fleet.series(for: historical).count == 14)
        let dataSources = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "ingest/kafka/lag", statistic: .maximum, dimensions: [any("dataSource")])
        #expect(fleet.series(for: dataSources).count == 10)
        let zookeeper = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "zookeeper/serving", statistic: .maximum, dimensions: [any("InstanceId")])
        #expect(fleet.series(for: zookeeper).count == 3)
        let hosts = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "cpu_usage_active", statistic: .maximum, dimensions: [any("InstanceId")])
        #expect(fleet.series(for: hosts).count == 20)
        let tiers = RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "cpu_usage_active", statistic: .sampleCount, dimensions: [any("AutoScalingGroupName")])
        #expect(fleet.series(for: tiers).count == 3)
    }
}
