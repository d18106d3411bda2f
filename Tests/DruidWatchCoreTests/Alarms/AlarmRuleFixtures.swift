import DruidWatchCore
import Foundation

/// Rules, series and times for the rule, evaluation and notification tests, built
/// directly (no rule files): the core has no YAML.
enum AlarmRuleFixtures {
    /// 2026-01-01T00:00:00Z: a multiple of every period used here (up to a day).
    static let t0 = 1_767_225_600

    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(seconds))
    }

    static func dimensions(_ pairs: KeyValuePairs<String, String>) -> [MetricDimension] {
        pairs.map { MetricDimension($0.key, $0.value) }
    }

    static func series(_ name: String, namespace: String = "Druid", _ pairs: KeyValuePairs<String, String>) -> MetricIdentity {
        MetricIdentity(namespace: namespace, metricName: name, dimensions: dimensions(pairs))
    }

    static func query(
        id: String = "m1", namespace: String = "Druid", _ name: String, statistic: AlarmStatistic = .sum,
        _ matchers: KeyValuePairs<String, String?> = [:]
    ) -> RuleMetricQuery {
        RuleMetricQuery(
            id: id, namespace: namespace, metricName: name, statistic: statistic,
            dimensions: matchers.map { DimensionMatcher(name: $0.key, value: $0.value) }
        )
    }

    static func configuration(
        period: Int = 300, n: Int = 3, m: Int? = nil, threshold: Double = 5,
        comparison: ComparisonOperator = .greaterThanThreshold, missing: TreatMissingData = .missing
    ) throws -> MetricAlarmConfiguration {
        try MetricAlarmConfiguration(
            periodSeconds: period, evaluationPeriods: n, datapointsToAlarm: m, threshold: threshold,
            comparison: comparison, treatMissingData: missing
        )
    }

    static func metricRule(
        _ name: String, severity: String = "page", group: String = "query", description: String? = nil,
        metrics: [RuleMetricQuery], expression: MetricExpression? = nil, groupBy: [String] = [],
        across: SeriesCombination = .maximum, configuration: MetricAlarmConfiguration,
        deadMan: Bool = false, forgetAfter: Int = 86_400, runbook: String? = nil, dashboard: String? = nil
    ) -> AlarmRuleDefinition {
        AlarmRuleDefinition(
            name: name, group: group, description: description, severity: severity, labels: [:],
            kind: .metric(MetricRule(
                metrics: metrics, expression: expression, groupBy: groupBy, across: across,
                configuration: configuration, isDeadMan: deadMan, forgetAfterSeconds: forgetAfter
            )),
            runbook: runbook, dashboard: dashboard
        )
    }

    static func compositeRule(
        _ name: String, _ text: String, severity: String = "page", group: String = "cluster", suppressor: ActionsSuppressor? = nil
    ) throws -> AlarmRuleDefinition {
        AlarmRuleDefinition(
            name: name, group: group, severity: severity,
            kind: .composite(CompositeRule(rule: try AlarmRule.parse(text), text: text, suppressor: suppressor))
        )
    }

    /// A GetMetricData answer for one query of a batch: values at period starts.
    static func result(_ id: String, _ points: [(Int, Double)]) -> MetricDataResult {
        MetricDataResult(
            id: id, label: id, statusCode: "Complete",
            points: points.map { MetricPoint(timestamp: date($0.0), value: $0.1) }
        )
    }
}
