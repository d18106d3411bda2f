import Foundation

/// How many distinct series (metric name + dimension set: what CloudWatch bills as one
/// custom metric) were published in the last `window`, so that an operator sees the
/// bill's driver before the bill.
///
/// Bounded: it remembers at most `capacity` series (a hash and a last-seen second each);
/// past that, new series are not counted and `isSaturated` says the count is a floor.
public struct PublishedSeriesWindow: Sendable {
    public let window: TimeInterval
    public let capacity: Int
    private var lastSeen: [Int: Int64] = [:]
    private var lastSweep: Int64 = .min
    public private(set) var isSaturated = false

    public init(window: TimeInterval = 24 * 3600, capacity: Int = 200_000) {
        self.window = window
        self.capacity = max(1, capacity)
    }

    public mutating func record(_ datums: some Sequence<MetricDatum>, at now: Date) {
        let second = Int64(now.timeIntervalSince1970.rounded(.down))
        sweepIfDue(at: second)
        for datum in datums {
            let key = Self.seriesHash(datum)
            if lastSeen[key] != nil || lastSeen.count < capacity {
                lastSeen[key] = second
            } else {
                isSaturated = true
            }
        }
    }

    /// Distinct series published within the window before `now`.
    public mutating func count(asOf now: Date) -> Int {
        sweep(at: Int64(now.timeIntervalSince1970.rounded(.down)))
        return lastSeen.count
    }

    /// Sweeping costs a pass over every series, so it runs at most once a minute.
    private mutating func sweepIfDue(at second: Int64) {
        if lastSweep == .min || second - lastSweep >= 60 { sweep(at: second) }
    }

    private mutating func sweep(at second: Int64) {
        let oldest = second - Int64(window)
        let before = lastSeen.count
        lastSeen = lastSeen.filter { $0.value > oldest }
        if lastSeen.count < before { isSaturated = false }
        lastSweep = second
    }

    /// Dimensions compared as a set, as CloudWatch does.
    static func seriesHash(_ datum: MetricDatum) -> Int {
        var hasher = Hasher()
        hasher.combine(datum.metricName)
        hasher.combine(datum.dimensions.sorted())
        return hasher.finalize()
    }
}
