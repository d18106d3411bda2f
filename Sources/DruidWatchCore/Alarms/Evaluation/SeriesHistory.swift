import Foundation

/// The recent values of one series, one per period start, kept between cycles so that
/// each cycle fetches only the newest periods (and a restart can backfill the rest).
public struct SeriesHistory: Sendable, Hashable, Codable {
    /// Period start (seconds since 1970) → the statistic's value.
    public private(set) var values: [Int: Double] = [:]
    /// Periods that start before this are known (read or confirmed missing).
    public private(set) var readUntil: Int?

    public init() {}

    /// Takes a fetch of [start, end): points in it replace what was held there, and
    /// periods it returned nothing for become missing (a late point reread later fills them).
    public mutating func record(_ points: [MetricPoint], from start: Int, to end: Int) {
        for slot in values.keys where slot >= start && slot < end { values[slot] = nil }
        for point in points {
            let slot = Int(point.timestamp.timeIntervalSince1970)
            if slot >= start, slot < end, point.value.isFinite { values[slot] = point.value }
        }
        readUntil = max(readUntil ?? end, end)
    }

    /// Takes one period's value from the direct feed. The history counts as read up to
    /// the period's end when it was read up to the period's start (or is new), so that
    /// GetMetricData skips the series while the feed is live, and backfills a gap.
    public mutating func feed(_ value: Double, at slot: Int, periodEnd: Int) {
        guard value.isFinite else { return }
        values[slot] = value
        if readUntil == nil || readUntil! >= slot { readUntil = max(readUntil ?? periodEnd, periodEnd) }
    }

    /// Takes back a period the feed can no longer give (a percentile once a statistic set
    /// arrived): the value goes and the period counts as unread, for GetMetricData.
    public mutating func unfeed(at slot: Int) {
        values[slot] = nil
        if let until = readUntil, until > slot { readUntil = slot }
    }

    public func value(at slot: Int) -> Double? { values[slot] }

    /// The newest period start holding a value.
    public var newestSlot: Int? { values.keys.max() }

    /// Forgets values older than `oldest`: the history never holds more than the
    /// longest evaluation range of the rules reading the series.
    public mutating func trim(before oldest: Int) {
        values = values.filter { $0.key >= oldest }
    }
}
