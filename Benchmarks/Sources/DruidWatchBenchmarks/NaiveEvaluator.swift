import DruidWatchCore
import Foundation

/// The peer: the same rules judged by the same state machine (`MetricAlarmEvaluator`)
/// over the same data, written the straightforward way. Each rule reads its own series
/// (no sharing between rules, so a series two rules read is requested and recorded
/// twice), packed 500 to a call; each group's members are found by scanning every
/// discovered series of the rule again (no grouping dictionary). It keeps its own
/// histories and states, and must reach the same states as `RuleSetEvaluator`.
struct NaiveEvaluator {
    let rules: AlarmRuleSet
    let evaluator: RuleSetEvaluator
    /// Per rule, its own histories.
    var histories: [String: [SeriesRequest: SeriesHistory]] = [:]
    var states: [AlarmInstanceKey: AlarmState] = [:]
    var evaluatedThrough: [String: Int] = [:]

    init(rules: AlarmRuleSet) {
        self.rules = rules
        evaluator = RuleSetEvaluator(rules: rules)
    }

    /// The reads of one cycle: each rule's own series, from where its history stops.
    func plan(discovered: [String: DiscoveredSeries], now: Date) -> [(rule: String, read: SeriesRead)] {
        var reads: [(rule: String, read: SeriesRead)] = []
        for (definition, rule) in rules.metricRules {
            let end = evaluator.evaluationEnd(periodSeconds: rule.periodSeconds, now: now)
            guard evaluatedThrough[definition.name] != end else { continue }
            let slots = EvaluationRange.slotCount(evaluationPeriods: rule.configuration.evaluationPeriods)
            for identity in discovered[definition.name]?.series ?? [] {
                for query in rule.metrics where query.matches(identity) {
                    let request = SeriesRequest(metric: identity, stat: query.statistic.stat, periodSeconds: rule.periodSeconds, unit: query.unit)
                    let readUntil = histories[definition.name]?[request]?.readUntil
                    let start = max(end - slots * rule.periodSeconds, (readUntil ?? Int.min / 2) - RuleSetEvaluator.rereadPeriods * rule.periodSeconds)
                    reads.append((definition.name, SeriesRead(request: request, start: start, end: end)))
                }
            }
        }
        return reads
    }

    /// CloudWatch's answers to `plan`'s reads, one list of points per read (not timed:
    /// the evaluator's answers are made up outside the timing too).
    static func answers(_ reads: [(rule: String, read: SeriesRead)]) -> [[MetricPoint]] {
        reads.map { _, read in
            var points: [MetricPoint] = []
            var slot = read.start
            while slot < read.end {
                if let value = EvaluatorWorkload.value(read.request, slot: slot) {
                    points.append(MetricPoint(timestamp: Date(timeIntervalSince1970: Double(slot)), value: value))
                }
                slot += read.request.periodSeconds
            }
            return points
        }
    }

    /// Records the answers, 500 reads to a call, then evaluates; returns the calls.
    mutating func apply(_ reads: [(rule: String, read: SeriesRead)], answers: [[MetricPoint]], discovered: [String: DiscoveredSeries], now: Date) -> Int {
        var calls = 0
        for (offset, (rule, read)) in reads.enumerated() {
            if offset % MetricReadPlanner.maximumQueriesPerCall == 0 { calls += 1 }
            histories[rule, default: [:]][read.request, default: SeriesHistory()].record(answers[offset], from: read.start, to: read.end)
        }
        for (definition, rule) in rules.metricRules {
            evaluate(definition.name, rule: rule, series: discovered[definition.name]?.series ?? [], now: now)
        }
        return calls
    }

    private mutating func evaluate(_ name: String, rule: MetricRule, series: [MetricIdentity], now: Date) {
        let period = rule.periodSeconds
        let end = evaluator.evaluationEnd(periodSeconds: period, now: now)
        guard evaluatedThrough[name] != end else { return }
        evaluatedThrough[name] = end
        let slotCount = EvaluationRange.slotCount(evaluationPeriods: rule.configuration.evaluationPeriods)
        // The groups: every distinct combination of group_by values among the series.
        var keys: [[MetricDimension]] = []
        for identity in series {
            let key = rule.groupBy.compactMap { name in identity.dimensions.first { $0.name == name } }
            if key.count == rule.groupBy.count, !keys.contains(key) { keys.append(key) }
        }
        let history = histories[name] ?? [:]
        for key in keys {
            // Members: scan the rule's series again for each group.
            var members: [String: [SeriesRequest]] = [:]
            for query in rule.metrics {
                members[query.id] = series.filter { identity in
                    query.matches(identity) && key.allSatisfy { identity.dimensions.contains($0) }
                }.map { SeriesRequest(metric: $0, stat: query.statistic.stat, periodSeconds: period, unit: query.unit) }
            }
            let values: [Double?] = (0..<slotCount).map { index in
                let slot = end - (slotCount - index) * period
                func metricValue(_ id: String) -> Double? {
                    rule.across.combine((members[id] ?? []).compactMap { history[$0]?.value(at: slot) })
                }
                if let expression = rule.expression { return expression.value(metricValue) }
                return metricValue(rule.metrics[0].id)
            }
            let range = EvaluationRange(values: values, newestTimestamp: Date(timeIntervalSince1970: Double(end - period)))
            let groupKey = AlarmInstanceKey(ruleName: name, group: key)
            states[groupKey] = MetricAlarmEvaluator.evaluate(range, configuration: rule.configuration, currentState: states[groupKey] ?? .insufficientData).state
        }
        // Keep the histories to the evaluated range, as the evaluator does.
        let oldest = end - (slotCount + RuleSetEvaluator.rereadPeriods) * period
        for request in history.keys { histories[name]?[request]?.trim(before: oldest) }
    }
}
