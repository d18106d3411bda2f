/// Fans a metric rule out over the series CloudWatch holds: which series each of its
/// groups reads, for each of its metrics.
public enum SeriesGrouping {
    /// The series of one group, by metric id.
    public typealias Members = [String: [MetricIdentity]]

    /// Groups by the values of `group_by`. A series whose dimension names are a strict
    /// subset of another matched series' names, in the same group and for the same metric
    /// id, is a rollup of it (the agent's `aggregation.rollups`) and is left out, so that
    /// `across: sum` never counts a value twice. A series lacking a `group_by` dimension
    /// cannot belong to any group and is left out too.
    public static func groups(rule: MetricRule, ruleName: String, series: [MetricIdentity]) -> [AlarmInstanceKey: Members] {
        var groups: [AlarmInstanceKey: Members] = [:]
        for query in rule.metrics {
            for identity in series where query.matches(identity) {
                var key: [MetricDimension] = []
                for name in rule.groupBy {
                    guard let dimension = identity.dimensions.first(where: { $0.name == name }) else { break }
                    key.append(dimension)
                }
                guard key.count == rule.groupBy.count else { continue }
                groups[AlarmInstanceKey(ruleName: ruleName, group: key), default: [:]][query.id, default: []].append(identity)
            }
        }
        return groups.mapValues { members in members.mapValues(withoutRollups) }
    }

    private static func withoutRollups(_ series: [MetricIdentity]) -> [MetricIdentity] {
        // The distinct name sets are few (one per rollup level), so each series is checked
        // against those rather than against every other series.
        let nameSets = Array(Set(series.map { Set($0.dimensions.map(\.name)) }))
        let unique = Set(series.map { SeriesRequest(metric: $0, stat: "", periodSeconds: 0) })
        let kept = nameSets.count == 1 ? Array(unique) : unique.filter { request in
            let names = Set(request.dimensions.map(\.name))
            return !nameSets.contains { names.isStrictSubset(of: $0) }
        }
        return kept.sorted().map(\.metric)
    }
}
