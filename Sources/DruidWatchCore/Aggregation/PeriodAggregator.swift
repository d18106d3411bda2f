import Foundation

/// Folds samples into one aggregate per series per period and hands out the periods
/// that are over. Periods are aligned to multiples of the period since the Unix epoch,
/// so every agent's minute is the same minute.
///
/// Bounded: at most `maximumSeriesPerPeriod` series per period and `maximumOpenPeriods`
/// periods held at once; what does not fit is counted in `rejections`, never stored.
public struct PeriodAggregator: Sendable {
    public struct Rejections: Sendable, Equatable {
        /// NaN or ±infinity: CloudWatch rejects them.
        public var nonFinite = 0
        /// The period already had `maximumSeriesPerPeriod` series.
        public var seriesLimit = 0
        /// Older than every period still open (already published, or too far back).
        public var late = 0

        public var total: Int { nonFinite + seriesLimit + late }

        public init(nonFinite: Int = 0, seriesLimit: Int = 0, late: Int = 0) {
            self.nonFinite = nonFinite
            self.seriesLimit = seriesLimit
            self.late = late
        }
    }

    public let periodSeconds: Int
    public let maximumSeriesPerPeriod: Int
    public let maximumOpenPeriods: Int
    public private(set) var rejections = Rejections()

    private var periods: [Int: [SeriesKey: SeriesAccumulator]] = [:]
    /// Everything before this has been handed out; samples for it are late.
    private var publishedBefore = Int.min

    public init(periodSeconds: Int, maximumSeriesPerPeriod: Int = 50_000, maximumOpenPeriods: Int = 10) {
        precondition(periodSeconds > 0, "period must be positive")
        self.periodSeconds = periodSeconds
        self.maximumSeriesPerPeriod = maximumSeriesPerPeriod
        self.maximumOpenPeriods = maximumOpenPeriods
    }

    /// CloudWatch stores sub-minute periods only as high-resolution metrics.
    public var storageResolution: Int { periodSeconds < 60 ? 1 : 60 }

    public var openSeriesCount: Int { periods.values.reduce(0) { $0 + $1.count } }

    public func periodStart(of date: Date) -> Int {
        alignedStart(Int(date.timeIntervalSince1970.rounded(.down)))
    }

    /// The start of the period holding the epoch second `seconds` (a finer period's
    /// start, for one).
    public func alignedStart(_ seconds: Int) -> Int {
        seconds - ((seconds % periodSeconds) + periodSeconds) % periodSeconds
    }

    public mutating func add(_ sample: Sample) {
        guard sample.value.isFinite else {
            rejections.nonFinite += 1
            return
        }
        let start = periodStart(of: sample.timestamp)
        guard makeRoom(for: start, values: 1) else { return }
        let key = SeriesKey(sample)
        if !Self.fold(sample.value, kind: sample.kind, into: &periods[start, default: [:]], key: key, limit: maximumSeriesPerPeriod) {
            rejections.seriesLimit += 1
        }
    }

    /// Whether a value for the period starting at `start` can be held: not already
    /// published, and either open or openable by dropping an older period (counted).
    private mutating func makeRoom(for start: Int, values: Int) -> Bool {
        guard start >= publishedBefore else {
            rejections.late += values
            return false
        }
        if periods[start] == nil, periods.count >= maximumOpenPeriods {
            guard let oldest = periods.keys.min(), oldest < start else {
                rejections.late += values
                return false
            }
            rejections.late += periods[oldest]?.count ?? 0
            periods[oldest] = nil
        }
        return true
    }

    /// Folds in a series already aggregated elsewhere (one emitter batch): the same
    /// checks as `add`, once per series instead of once per value.
    mutating func merge(_ accumulator: SeriesAccumulator, key: SeriesKey, periodStart start: Int, values: Int) {
        guard makeRoom(for: start, values: values) else { return }
        if !Self.merge(accumulator, into: &periods[start, default: [:]], key: key, limit: maximumSeriesPerPeriod) {
            rejections.seriesLimit += values
        }
    }

    private static func merge(_ accumulator: SeriesAccumulator, into series: inout [SeriesKey: SeriesAccumulator], key: SeriesKey, limit: Int) -> Bool {
        if let index = series.index(forKey: key) {
            series.values[index].merge(accumulator)
            return true
        }
        guard series.count < limit else { return false }
        series[key] = accumulator
        return true
    }

    /// One lookup in the period's table, in place. False when the series is new and the
    /// period is full.
    private static func fold(_ value: Double, kind: SampleKind, into series: inout [SeriesKey: SeriesAccumulator], key: SeriesKey, limit: Int) -> Bool {
        if let index = series.index(forKey: key) {
            series.values[index].add(value)
            return true
        }
        guard series.count < limit else { return false }
        series[key] = SeriesAccumulator(first: value, kind: kind)
        return true
    }

    /// The wall clock was set back to `date`: periods from its own on take values again,
    /// although they were published before the step; otherwise every reading would be
    /// late until the clock caught up (an hour of data lost to a one-hour step).
    public mutating func clockSteppedBack(to date: Date) {
        publishedBefore = min(publishedBefore, periodStart(of: date))
    }

    /// Hands out every period that ended at or before `now`.
    public mutating func drainCompleted(asOf now: Date) -> [MetricDatum] {
        let currentStart = periodStart(of: now)
        return drain { $0 < currentStart }
    }

    /// Hands out everything, including the period in progress (for shutdown).
    public mutating func drainAll() -> [MetricDatum] {
        drain { _ in true }
    }

    private mutating func drain(where isDue: (Int) -> Bool) -> [MetricDatum] {
        let due = periods.keys.filter(isDue).sorted()
        var datums: [MetricDatum] = []
        for start in due {
            guard let series = periods.removeValue(forKey: start) else { continue }
            let timestamp = Date(timeIntervalSince1970: TimeInterval(start))
            for (key, accumulator) in series.sorted(by: { ($0.key.name, $0.key.dimensions.description) < ($1.key.name, $1.key.dimensions.description) }) {
                datums.append(MetricDatum(
                    metricName: key.name,
                    dimensions: key.dimensions,
                    timestamp: timestamp,
                    value: accumulator.datumValue,
                    unit: key.unit,
                    storageResolution: storageResolution
                ))
            }
            publishedBefore = max(publishedBefore, start + periodSeconds)
        }
        return datums
    }
}
