import Synchronization

/// The fan-out of each rule, kept until its discovered series change: a cycle asks for
/// it when planning reads, evaluating and trimming, and discovery changes it only every
/// `discovery_interval`.
final class SeriesGroupingCache: Sendable {
    private struct Entry {
        var discovered: DiscoveredSeries
        var groups: [AlarmInstanceKey: SeriesGrouping.Members]
    }

    private let entries = Mutex<[String: Entry]>([:])

    func groups(of name: String, rule: MetricRule, discovered: DiscoveredSeries?) -> [AlarmInstanceKey: SeriesGrouping.Members] {
        guard let discovered else { return [:] }
        if let entry = entries.withLock({ $0[name] }), entry.discovered == discovered { return entry.groups }
        let groups = SeriesGrouping.groups(rule: rule, ruleName: name, series: discovered.series)
        entries.withLock { $0[name] = Entry(discovered: discovered, groups: groups) }
        return groups
    }
}
