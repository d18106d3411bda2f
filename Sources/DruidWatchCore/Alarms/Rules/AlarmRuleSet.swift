/// The loaded rules, by name, with the composite rules' evaluation order. Cycles among
/// composites are refused by the loader; the graph's order is what is left.
public struct AlarmRuleSet: Sendable {
    public let rules: [AlarmRuleDefinition]
    public let byName: [String: AlarmRuleDefinition]
    public let composites: CompositeAlarmGraph

    public init(_ rules: [AlarmRuleDefinition]) {
        self.rules = rules.sorted { $0.name < $1.name }
        var byName: [String: AlarmRuleDefinition] = [:]
        for rule in rules where byName[rule.name] == nil { byName[rule.name] = rule }
        self.byName = byName
        composites = CompositeAlarmGraph(rules: byName.compactMapValues { $0.compositeRule?.rule })
    }

    public var metricRules: [(definition: AlarmRuleDefinition, rule: MetricRule)] {
        rules.compactMap { definition in definition.metricRule.map { (definition, $0) } }
    }

    /// The series requests a rule's group reads, by metric id.
    public static func requests(for rule: MetricRule, members: SeriesGrouping.Members) -> [String: [SeriesRequest]] {
        var requests: [String: [SeriesRequest]] = [:]
        for query in rule.metrics {
            requests[query.id] = (members[query.id] ?? []).map {
                SeriesRequest(metric: $0, stat: query.statistic.stat, periodSeconds: rule.periodSeconds, unit: query.unit)
            }
        }
        return requests
    }
}
