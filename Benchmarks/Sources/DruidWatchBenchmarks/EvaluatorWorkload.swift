import DruidWatchCore
import Foundation

/// 200 generated rules over 5,000 series: 100 metrics `bench/m<k>`, each published by
/// 5 services × 10 instances (50 series); metrics of even k at 60 s, odd k at 300 s.
/// Per metric, two rules that share its series:
///   - `R<k>a`: Maximum, `group_by: [InstanceId]`, `across: max` (10 groups of 5 series);
///   - `R<k>b`: for k % 4 == 1 a math rule `a - b` (a: all 50 series, b: those of
///     `svc-1`) grouped by InstanceId; otherwise one group per series
///     (`group_by: [Service, InstanceId]`).
/// Every rule reads Maximum at its metric's period, so the distinct series requests are
/// exactly the 5,000 series, however many rules read each.
enum EvaluatorWorkload {
    static let namespace = "Bench"
    static let metrics = 100
    static let services = 5
    static let instances = 10

    static func identity(metric: Int, service: Int, instance: Int) -> MetricIdentity {
        MetricIdentity(namespace: namespace, metricName: "bench/m\(metric)", dimensions: [
            MetricDimension("InstanceId", "i-\(instance)"), MetricDimension("Service", "svc-\(service)"),
        ].sorted())
    }

    static func series(metric: Int) -> [MetricIdentity] {
        (0..<services).flatMap { service in (0..<instances).map { identity(metric: metric, service: service, instance: $0) } }
    }

    static func rules() throws -> AlarmRuleSet {
        var definitions: [AlarmRuleDefinition] = []
        for k in 0..<metrics {
            let period = k % 2 == 0 ? 60 : 300
            let any = [DimensionMatcher(name: "Service", value: nil), DimensionMatcher(name: "InstanceId", value: nil)]
            let query = RuleMetricQuery(id: "m1", namespace: namespace, metricName: "bench/m\(k)", statistic: .maximum, dimensions: any)
            let configuration = try MetricAlarmConfiguration(
                periodSeconds: period, evaluationPeriods: 5, datapointsToAlarm: 3, threshold: 80,
                comparison: .greaterThanThreshold, treatMissingData: .notBreaching
            )
            definitions.append(AlarmRuleDefinition(name: "R\(k)a", group: "bench", severity: "ticket", kind: .metric(MetricRule(
                metrics: [query], groupBy: ["InstanceId"], across: .maximum, configuration: configuration))))
            if k % 4 == 1 {
                let a = RuleMetricQuery(id: "a", namespace: namespace, metricName: "bench/m\(k)", statistic: .maximum, dimensions: any)
                let b = RuleMetricQuery(id: "b", namespace: namespace, metricName: "bench/m\(k)", statistic: .maximum, dimensions: [
                    DimensionMatcher(name: "Service", value: "svc-1"), DimensionMatcher(name: "InstanceId", value: nil),
                ])
                let difference = try MetricAlarmConfiguration(
                    periodSeconds: period, evaluationPeriods: 3, threshold: 50, comparison: .greaterThanThreshold, treatMissingData: .missing
                )
                definitions.append(AlarmRuleDefinition(name: "R\(k)b", group: "bench", severity: "ticket", kind: .metric(MetricRule(
                    metrics: [a, b], expression: try MetricExpression.parse("a - b"), groupBy: ["InstanceId"], across: .maximum,
                    configuration: difference))))
            } else {
                definitions.append(AlarmRuleDefinition(name: "R\(k)b", group: "bench", severity: "ticket", kind: .metric(MetricRule(
                    metrics: [query], groupBy: ["Service", "InstanceId"], across: .maximum, configuration: configuration))))
            }
        }
        return AlarmRuleSet(definitions)
    }

    /// What discovery would leave in the state: each rule's matching series.
    static func discover(_ rules: AlarmRuleSet, into state: inout EvaluatorState, at now: Date) {
        for (definition, rule) in rules.metricRules {
            let k = Int(rule.metrics[0].metricName.dropFirst("bench/m".count))!
            var matched: [MetricIdentity] = []
            for query in rule.metrics { matched += series(metric: k).filter(query.matches) }
            state.discovered[definition.name] = DiscoveredSeries(series: matched, at: now)
        }
    }

    /// A deterministic value per series and period start, about 1 in 13 missing and
    /// about a quarter above the threshold of 80, so that alarms fire and recover.
    static func value(_ request: SeriesRequest, slot: Int) -> Double? {
        let seed = UInt64(truncatingIfNeeded: stableHash(request.description)) &+ UInt64(slot / request.periodSeconds) &* 0x9E37_79B9_7F4A_7C15
        let mixed = (seed ^ (seed >> 29)) &* 0xBF58_476D_1CE4_E5B9
        let roll = Int((mixed ^ (mixed >> 32)) % 1300)
        if roll < 100 { return nil }
        return Double(roll - 100) / 12
    }

    /// FNV-1a: the same on every run, unlike `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// CloudWatch's answer to one call: every period of [batch.start, read.end) of each
    /// query that has a value.
    static func results(for batch: MetricReadBatch) -> [MetricDataResult] {
        batch.queries.map { id, read in
            var points: [MetricPoint] = []
            var slot = batch.start
            while slot < read.end {
                if let value = value(read.request, slot: slot) {
                    points.append(MetricPoint(timestamp: Date(timeIntervalSince1970: Double(slot)), value: value))
                }
                slot += read.request.periodSeconds
            }
            return MetricDataResult(id: id, label: id, statusCode: "Complete", points: points)
        }
    }
}
