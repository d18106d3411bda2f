import Foundation

/// The values a timer saw in one period, published as at most `maximumDistinctValues`
/// (CloudWatch's per-datum limit of 150) distinct values with counts, so that the
/// percentiles CloudWatch computes from them stay close to those of the raw values.
///
/// Design, in two stages:
///
/// 1. **Holding** (memory-bounded, order-independent): every value falls into a
///    logarithmic bucket (DDSketch-style) `i = ceil(log_γ |v|)` with `γ = bucketGrowth`
///    (1.008, relative accuracy α = (γ−1)/(γ+1) ≈ 0.4 %). Zero has its own count and
///    negative values their own buckets by magnitude. Each bucket keeps its count and the
///    sum of its values, and publishes their mean: so Sum and Average are preserved
///    exactly (up to rounding), and any value in a bucket is within a factor γ of the
///    bucket's mean (relative error ≤ γ−1 = 0.8 %). At most `maximumBucketsPerSign`
///    (2,048) buckets are held per sign, covering a spread of γ^2048 ≈ 1.2e7 at full
///    resolution (for example 1 ms to 3.3 h, well beyond Druid's 1 ms – 5 min query
///    times). Beyond that the lowest-magnitude buckets are collapsed into one, as in
///    DDSketch: low percentiles lose their accuracy first, the high ones alerting cares
///    about (p50, p90, p99) keep theirs unless that collapsed bucket holds more than
///    half (resp. 10 %, 1 %) of the values.
///
/// 2. **Publishing** (`valuesAndCounts()`): if more buckets are held than may be
///    published, adjacent buckets are merged into groups (each publishing its
///    count-weighted mean, still preserving the sum). Merging never changes which group
///    holds a given rank as long as that group is not merged, so the buckets holding the
///    nearest ranks of `protectedQuantiles` (p50, p90, p95, p99), and their neighbouring
///    ranks (r−1, r+1, for estimators that interpolate), are published unmerged: those
///    percentiles stay within γ−1 = 0.8 % of the exact nearest-rank value. The other
///    buckets are grouped to minimise the largest log-spread of any group (a binary search
///    over the spread with a greedy partition, which is optimal for a given spread), so
///    other percentiles degrade gracefully and evenly: with values spread over 1 ms –
///    5 min they are within about 4 %, within 1 % for spreads up to about 3x.
///
/// CloudWatch itself computes percentiles only when no value is negative; negative
/// values are still held and published (ascending), for Sum, Average, Minimum, Maximum.
/// Non-finite values and non-positive or non-finite counts are ignored (CloudWatch
/// rejects them).
public struct ValueDistribution: Sendable, Hashable {
    public static let cloudWatchValueLimit = 150
    /// Ratio between neighbouring bucket bounds (γ).
    public static let bucketGrowth = 1.008
    /// Buckets held per sign before the lowest magnitudes are collapsed.
    public static let maximumBucketsPerSign = 2_048
    /// Percentiles whose buckets are published unmerged.
    public static let protectedQuantiles: [Double] = [0.5, 0.9, 0.95, 0.99]

    private static let logGrowth = log(bucketGrowth)

    struct Bucket: Sendable, Hashable {
        var count: Double
        /// Sum of the values' magnitudes.
        var sum: Double

        static func += (lhs: inout Bucket, rhs: Bucket) {
            lhs.count += rhs.count
            lhs.sum += rhs.sum
        }
    }

    /// Buckets of one sign, keyed by `ceil(log_γ magnitude)`.
    struct LogStore: Sendable, Hashable {
        var buckets: [Int: Bucket] = [:]
        /// Once collapsed, indexes below this go into it.
        var floor: Int?

        mutating func add(index: Int, _ bucket: Bucket, limit: Int) {
            var index = index
            if let floor, index < floor { index = floor }
            buckets[index, default: Bucket(count: 0, sum: 0)] += bucket
            if buckets.count > limit {
                let keys = buckets.keys.sorted()
                raiseFloor(to: keys[keys.count - limit])
            }
        }

        mutating func raiseFloor(to newFloor: Int) {
            if let floor, floor >= newFloor { return }
            floor = newFloor
            var collapsed = buckets[newFloor] ?? Bucket(count: 0, sum: 0)
            for key in buckets.keys where key < newFloor {
                collapsed += buckets.removeValue(forKey: key)!
            }
            if collapsed.count > 0 { buckets[newFloor] = collapsed }
        }

        mutating func merge(_ other: LogStore, limit: Int) {
            if let otherFloor = other.floor { raiseFloor(to: otherFloor) }
            for (index, bucket) in other.buckets { add(index: index, bucket, limit: limit) }
        }
    }

    private var positive = LogStore()
    private var negative = LogStore()
    private var zeroCount: Double = 0
    public let maximumDistinctValues: Int

    public init(maximumDistinctValues: Int = ValueDistribution.cloudWatchValueLimit) {
        self.maximumDistinctValues = max(1, maximumDistinctValues)
    }

    /// Distinct values held (buckets, plus one for zero), before publishing merges them
    /// down to `maximumDistinctValues`; at most `2 × maximumBucketsPerSign + 1`.
    public var distinctValueCount: Int {
        positive.buckets.count + negative.buckets.count + (zeroCount > 0 ? 1 : 0)
    }

    /// Number of values added (sum of counts).
    public var sampleCount: Double {
        positive.buckets.values.reduce(0) { $0 + $1.count }
            + negative.buckets.values.reduce(0) { $0 + $1.count } + zeroCount
    }

    public mutating func add(_ value: Double, count: Double = 1) {
        guard value.isFinite, count.isFinite, count > 0 else { return }
        if value == 0 {
            zeroCount += count
            return
        }
        let magnitude = abs(value)
        let index = Int((log(magnitude) / Self.logGrowth).rounded(.up))
        let bucket = Bucket(count: count, sum: magnitude * count)
        if value > 0 {
            positive.add(index: index, bucket, limit: Self.maximumBucketsPerSign)
        } else {
            negative.add(index: index, bucket, limit: Self.maximumBucketsPerSign)
        }
    }

    /// Folds in another distribution: the same as adding its values here (exactly so
    /// unless either had to collapse its lowest buckets).
    public mutating func merge(_ other: ValueDistribution) {
        positive.merge(other.positive, limit: Self.maximumBucketsPerSign)
        negative.merge(other.negative, limit: Self.maximumBucketsPerSign)
        zeroCount += other.zeroCount
    }

    /// Values ascending and their counts, at most `maximumDistinctValues` of them.
    public func valuesAndCounts() -> (values: [Double], counts: [Double]) {
        let entries = ascendingEntries()
        let groups = Self.partition(entries, limit: maximumDistinctValues)
        var values: [Double] = []
        var counts: [Double] = []
        values.reserveCapacity(groups.count)
        counts.reserveCapacity(groups.count)
        for group in groups {
            var count = 0.0
            var sum = 0.0
            for entry in entries[group] {
                count += entry.count
                sum += entry.sum
            }
            values.append(sum / count)
            counts.append(count)
        }
        return (values, counts)
    }

    // MARK: - Publishing

    struct Entry {
        /// -1, 0 or 1: groups never span signs.
        var sign: Int
        var count: Double
        /// Signed sum of the values.
        var sum: Double
        /// log of the magnitude of the mean (0 for zero).
        var logMagnitude: Double
    }

    private func ascendingEntries() -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(distinctValueCount)
        for (_, bucket) in negative.buckets.sorted(by: { $0.key > $1.key }) {
            entries.append(Entry(sign: -1, count: bucket.count, sum: -bucket.sum, logMagnitude: log(bucket.sum / bucket.count)))
        }
        if zeroCount > 0 {
            entries.append(Entry(sign: 0, count: zeroCount, sum: 0, logMagnitude: 0))
        }
        for (_, bucket) in positive.buckets.sorted(by: { $0.key < $1.key }) {
            entries.append(Entry(sign: 1, count: bucket.count, sum: bucket.sum, logMagnitude: log(bucket.sum / bucket.count)))
        }
        return entries
    }

    /// Contiguous groups of `entries`, at most `limit` of them.
    static func partition(_ entries: [Entry], limit: Int) -> [Range<Int>] {
        if entries.count <= limit { return entries.indices.map { $0..<($0 + 1) } }
        let protected = protectedEntries(entries)
        let widest = (entries.map(\.logMagnitude).max() ?? 0) - (entries.map(\.logMagnitude).min() ?? 0)
        guard greedyGroups(entries, protected: protected, spread: widest, limit: limit) != nil else {
            // Only for tiny limits: equal runs of entries, ignoring signs and protection.
            return (0..<limit).map { part in
                (part * entries.count / limit)..<((part + 1) * entries.count / limit)
            }
        }
        var low = 0.0
        var high = widest
        for _ in 0..<64 where high - low > 1e-9 {
            let middle = (low + high) / 2
            if greedyGroups(entries, protected: protected, spread: middle, limit: limit) != nil {
                high = middle
            } else {
                low = middle
            }
        }
        return greedyGroups(entries, protected: protected, spread: high, limit: limit)!
    }

    /// Fewest groups in which no group spreads more than `spread` in log-magnitude,
    /// crosses a sign, or holds a protected entry with any other; nil if over `limit`.
    static func greedyGroups(_ entries: [Entry], protected: [Bool], spread: Double, limit: Int) -> [Range<Int>]? {
        var groups: [Range<Int>] = []
        var start = 0
        for index in 1...entries.count {
            let closes = index == entries.count
                || protected[index] || protected[index - 1]
                || entries[index].sign != entries[start].sign
                || abs(entries[index].logMagnitude - entries[start].logMagnitude) > spread
            if closes {
                groups.append(start..<index)
                if groups.count > limit { return nil }
                start = index
            }
        }
        return groups
    }

    /// Entries holding the nearest rank `ceil(q·n)` of a protected quantile, or the
    /// ranks next to it.
    static func protectedEntries(_ entries: [Entry]) -> [Bool] {
        let total = entries.reduce(0) { $0 + $1.count }
        var ranks: [Double] = []
        for quantile in protectedQuantiles {
            let rank = (quantile * total).rounded(.up)
            for candidate in [rank - 1, rank, rank + 1] {
                ranks.append(min(max(candidate, 1), total))
            }
        }
        var protected = [Bool](repeating: false, count: entries.count)
        var below = 0.0
        for (index, entry) in entries.enumerated() {
            let above = below + entry.count
            protected[index] = ranks.contains { $0 > below && $0 <= above }
            below = above
        }
        return protected
    }
}
