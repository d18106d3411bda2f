import Foundation

/// What the direct feed keeps between posts: the periods of the rules being filled by
/// shorter agent periods (five 60 s datums make one 300 s period), and the series it has
/// reported recently, so that discovery knows them without waiting for ListMetrics.
public struct DirectFeedState: Sendable, Hashable, Codable {
    public var partials: [DirectFeedSlot: DirectFeedAggregate] = [:]
    /// Series → the end of the newest period fed (seconds since 1970).
    public var identities: [MetricIdentity: Int] = [:]

    public init() {}
}

/// One period of one series at one rule period.
public struct DirectFeedSlot: Sendable, Hashable, Codable {
    public var identity: MetricIdentity
    public var periodSeconds: Int
    public var start: Int

    public init(identity: MetricIdentity, periodSeconds: Int, start: Int) {
        self.identity = identity
        self.periodSeconds = periodSeconds
        self.start = start
    }
}

/// Every datum of one period merged as CloudWatch merges them: counts and sums add,
/// minimum and maximum keep the extremes, distributions merge their values.
public struct DirectFeedAggregate: Sendable, Hashable, Codable {
    public var sampleCount: Double
    public var sum: Double
    public var minimum: Double
    public var maximum: Double
    /// Value → count; nil once a statistic set arrived (no percentile can be known) or the
    /// distinct values exceed `maximumDistinctValues`.
    public var distribution: [Double: Double]?
    public var unit: String
    public var mixedUnits = false

    public static let maximumDistinctValues = 3000

    public init(_ value: MetricDatumValue, unit: MetricUnit) {
        self.unit = unit.rawValue
        switch value {
        case let .single(v):
            (sampleCount, sum, minimum, maximum, distribution) = (1, v, v, v, [v: 1])
        case let .statistics(set):
            (sampleCount, sum, minimum, maximum, distribution) = (set.sampleCount, set.sum, set.minimum, set.maximum, nil)
        case let .distribution(values, counts):
            var merged: [Double: Double] = [:]
            for (v, c) in zip(values, counts) { merged[v, default: 0] += c }
            sampleCount = counts.reduce(0, +)
            sum = zip(values, counts).reduce(0) { $0 + $1.0 * $1.1 }
            minimum = values.min() ?? 0
            maximum = values.max() ?? 0
            distribution = merged
        }
    }

    public mutating func merge(_ other: DirectFeedAggregate) {
        sampleCount += other.sampleCount
        sum += other.sum
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
        if other.unit != unit { mixedUnits = true }
        if var mine = distribution, let theirs = other.distribution {
            mine.merge(theirs, uniquingKeysWith: +)
            distribution = mine.count <= Self.maximumDistinctValues ? mine : nil
        } else {
            distribution = nil
        }
    }

    /// The statistic as GetMetricData would answer it; nil for one that cannot be known
    /// from what arrived (a percentile of statistic sets, a trimmed mean), which
    /// GetMetricData then reads.
    public func value(of stat: String) -> Double? {
        switch stat {
        case "SampleCount": return sampleCount
        case "Sum": return sum
        case "Minimum": return minimum
        case "Maximum": return maximum
        case "Average": return sampleCount > 0 ? sum / sampleCount : nil
        default:
            guard stat.hasPrefix("p"), let percent = Double(stat.dropFirst()), (0...100).contains(percent) else { return nil }
            return distribution.flatMap { Self.nearestRank(percent, of: $0) }
        }
    }

    /// Nearest-rank percentile of a merged distribution.
    static func nearestRank(_ percent: Double, of distribution: [Double: Double]) -> Double? {
        let total = distribution.values.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = Swift.max(1, (percent / 100 * total).rounded(.up))
        var seen = 0.0
        for (value, count) in distribution.sorted(by: { $0.key < $1.key }) {
            seen += count
            if seen >= rank { return value }
        }
        return distribution.keys.max()
    }
}

/// Takes the direct feed's datums into the evaluator's state: for each series a rule
/// reads, at the rule's period (a multiple of the datum's), the statistics the rule reads
/// go into the series' history as if GetMetricData had answered them, and the history is
/// marked read so the cycle does not ask CloudWatch for it while the feed is live.
public enum DirectFeedIngest {
    /// A datum whose period ends further ahead than this is refused (a skewed clock would
    /// otherwise hold the series' reads back).
    public static let maximumAheadSeconds = 300
    /// A datum older than this is refused (GetMetricData reads what a restart missed).
    public static let maximumAgeSeconds = 3 * 3600
    /// A series fed within this long is kept among the discovered series.
    public static let liveSeconds = 900

    public struct Report: Sendable, Hashable {
        /// Datums at least one rule reads.
        public var used = 0
        /// Datums no rule reads (at a period that is a multiple of theirs).
        public var unread = 0
        /// Datums too far ahead or too old.
        public var outOfWindow = 0
        /// Series values written (one per statistic a rule reads).
        public var values = 0

        public init() {}
    }

    public static func ingest(_ batch: DirectFeedBatch, rules: AlarmRuleSet, into state: inout EvaluatorState, now: Date) -> Report {
        var report = Report()
        let nowSeconds = Int(now.timeIntervalSince1970.rounded(.down))
        var feed = state.directFeed ?? DirectFeedState()
        let metricRules = rules.metricRules
        for datum in batch.datums {
            let end = datum.timestamp + datum.periodSeconds
            guard end <= nowSeconds + maximumAheadSeconds, end >= nowSeconds - maximumAgeSeconds else {
                report.outOfWindow += 1
                continue
            }
            let identity = datum.identity(namespace: batch.namespace)
            let aggregate = DirectFeedAggregate(datum.value, unit: datum.unit)
            var merged: [Int: DirectFeedAggregate] = [:]
            var used = false
            for (definition, rule) in metricRules {
                let period = rule.periodSeconds
                guard period % datum.periodSeconds == 0 else { continue }
                let queries = rule.metrics.filter { $0.matches(identity) }
                guard !queries.isEmpty else { continue }
                used = true
                let start = floorDiv(datum.timestamp, period) * period
                if merged[period] == nil {
                    let slot = DirectFeedSlot(identity: identity, periodSeconds: period, start: start)
                    var combined = feed.partials[slot] ?? aggregate
                    if feed.partials[slot] != nil { combined.merge(aggregate) }
                    feed.partials[slot] = combined
                    merged[period] = combined
                }
                guard let combined = merged[period] else { continue }
                for query in queries {
                    if let unit = query.unit, combined.mixedUnits || unit.rawValue != combined.unit { continue }
                    let request = SeriesRequest(metric: identity, stat: query.statistic.stat, periodSeconds: period, unit: query.unit)
                    guard let value = combined.value(of: query.statistic.stat) else {
                        if query.statistic.stat.hasPrefix("p") { state.series[request]?.unfeed(at: start) }
                        continue
                    }
                    state.series[request, default: SeriesHistory()].feed(value, at: start, periodEnd: start + period)
                    report.values += 1
                }
                var discovered = state.discovered[definition.name] ?? DiscoveredSeries(series: [], at: .distantPast)
                if !discovered.series.contains(identity) {
                    discovered.series.append(identity)
                    state.discovered[definition.name] = discovered
                }
            }
            if used {
                report.used += 1
                feed.identities[identity] = max(feed.identities[identity] ?? end, end)
            } else {
                report.unread += 1
            }
        }
        let oldest = nowSeconds - maximumAgeSeconds
        feed.partials = feed.partials.filter { $0.key.start + $0.key.periodSeconds >= oldest }
        feed.identities = feed.identities.filter { $0.value >= nowSeconds - liveSeconds }
        state.directFeed = feed
        return report
    }

    /// Adds the series the feed reported recently to each rule's discovered series:
    /// ListMetrics replaces the list and can take minutes to list a new series.
    public static func rememberFedSeries(rules: AlarmRuleSet, in state: inout EvaluatorState, now: Date) {
        guard let feed = state.directFeed, !feed.identities.isEmpty else { return }
        let nowSeconds = Int(now.timeIntervalSince1970.rounded(.down))
        let live = feed.identities.filter { $0.value >= nowSeconds - liveSeconds }.keys.sorted { SeriesRequest(metric: $0, stat: "", periodSeconds: 0) < SeriesRequest(metric: $1, stat: "", periodSeconds: 0) }
        for (definition, rule) in rules.metricRules {
            let matching = live.filter { identity in rule.metrics.contains { $0.matches(identity) } }
            guard !matching.isEmpty else { continue }
            var discovered = state.discovered[definition.name] ?? DiscoveredSeries(series: [], at: .distantPast)
            let known = Set(discovered.series.map { SeriesRequest(metric: $0, stat: "", periodSeconds: 0) })
            for identity in matching where !known.contains(SeriesRequest(metric: identity, stat: "", periodSeconds: 0)) {
                discovered.series.append(identity)
            }
            state.discovered[definition.name] = discovered
        }
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
