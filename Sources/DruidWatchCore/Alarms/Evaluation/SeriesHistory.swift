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

    public func value(at slot: Int) -> Double? { values[slot] }

    /// The newest period start holding a value.
    public var newestSlot: Int? { values.keys.max() }

    /// Forgets values older than `oldest`: the history never holds more than the
    /// longest evaluation range of the rules reading the series.
    public mutating func trim(before oldest: Int) {
        values = values.filter { $0.key >= oldest }
    }
}
