/// One series to fetch this cycle, from `start` (a period start) to the end of its
/// newest complete period.
public struct SeriesRead: Sendable, Hashable {
    public var request: SeriesRequest
    public var start: Int
    public var end: Int

    public init(request: SeriesRequest, start: Int, end: Int) {
        self.request = request
        self.start = start
        self.end = end
    }
}

/// One GetMetricData call: up to 500 queries over one time window.
public struct MetricReadBatch: Sendable, Hashable {
    /// Query id (`q0`, `q1`, …) → series.
    public var queries: [(id: String, read: SeriesRead)] {
        reads.enumerated().map { ("q\($0.offset)", $0.element) }
    }
    public var reads: [SeriesRead]
    /// Seconds since 1970; aligned to every period in the batch.
    public var start: Int
    public var end: Int

    public init(reads: [SeriesRead], start: Int, end: Int) {
        self.reads = reads
        self.start = start
        self.end = end
    }

    public var metricDataQueries: [MetricDataQuery] {
        queries.map { id, read in
            MetricDataQuery(
                id: id,
                source: .metric(read.request.metric, periodSeconds: read.request.periodSeconds, stat: read.request.stat,
                                unit: read.request.unit.flatMap(MetricUnit.init(rawValue:))),
                returnData: true
            )
        }
    }
}

/// Packs the cycle's reads into the fewest GetMetricData calls: 500 queries each (the
/// API's limit), one shared window per call. Billing is per metric requested, not per
/// point, so a wider shared window costs nothing; the window starts on a boundary of
/// every period in the call so that every series' periods line up with its own.
public enum MetricReadPlanner {
    public static let maximumQueriesPerCall = 500
    /// The API's limit on points returned by one call.
    public static let maximumPointsPerCall = 100_800

    public static func batches(_ reads: [SeriesRead]) -> [MetricReadBatch] {
        var batches: [MetricReadBatch] = []
        var current: [SeriesRead] = []
        // The running window and point count, so that adding a read costs O(1).
        var alignment = 1
        var earliest = Int.max
        var latest = Int.min
        var periodsInBatch: [Int: Int] = [:]
        func pointCount(alignment: Int, earliest: Int, latest: Int, periods: [Int: Int]) -> Int {
            let start = earliest - ((earliest % alignment) + alignment) % alignment
            return periods.reduce(0) { total, entry in total + entry.value * ((latest - start) / max(entry.key, 1) + 1) }
        }
        for read in reads.sorted(by: { ($0.request.periodSeconds, $0.request) < ($1.request.periodSeconds, $1.request) }) {
            let period = read.request.periodSeconds
            let nextAlignment = leastCommonMultiple(alignment, period)
            var nextPeriods = periodsInBatch
            nextPeriods[period, default: 0] += 1
            let fits = current.count < maximumQueriesPerCall
                && pointCount(alignment: nextAlignment, earliest: min(earliest, read.start), latest: max(latest, read.end), periods: nextPeriods) <= maximumPointsPerCall
            if fits || current.isEmpty {
                current.append(read)
                alignment = nextAlignment
                earliest = min(earliest, read.start)
                latest = max(latest, read.end)
                periodsInBatch = nextPeriods
            } else {
                batches.append(batch(current))
                current = [read]
                alignment = period
                earliest = read.start
                latest = read.end
                periodsInBatch = [period: 1]
            }
        }
        if !current.isEmpty { batches.append(batch(current)) }
        return batches
    }

    private static func batch(_ reads: [SeriesRead]) -> MetricReadBatch {
        let (start, end) = window(of: reads)
        return MetricReadBatch(reads: reads, start: start, end: end)
    }

    private static func window(of reads: [SeriesRead]) -> (Int, Int) {
        let alignment = reads.map(\.request.periodSeconds).reduce(1, leastCommonMultiple)
        let earliest = reads.map(\.start).min() ?? 0
        let start = earliest - ((earliest % alignment) + alignment) % alignment
        return (start, reads.map(\.end).max() ?? start)
    }

    private static func leastCommonMultiple(_ a: Int, _ b: Int) -> Int {
        func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? x : gcd(y, x % y) }
        let lcm = a / gcd(a, b) * b
        // Periods are 10 s to days; past a day the alignment stops helping anything.
        return min(lcm, 86_400)
    }
}
