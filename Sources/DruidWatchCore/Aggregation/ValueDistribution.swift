/// The values a timer saw in one period, as distinct values with counts, held to at
/// most `maximumDistinctValues` (CloudWatch's per-datum limit of 150) by merging the
/// closest neighbours (relative distance) into their count-weighted mean. Memory is
/// bounded by twice the limit: merging happens when that is reached.
public struct ValueDistribution: Sendable, Hashable {
    public static let cloudWatchValueLimit = 150

    private var counts: [Double: Double] = [:]
    public let maximumDistinctValues: Int

    public init(maximumDistinctValues: Int = ValueDistribution.cloudWatchValueLimit) {
        self.maximumDistinctValues = max(1, maximumDistinctValues)
    }

    public var distinctValueCount: Int { counts.count }

    public mutating func add(_ value: Double, count: Double = 1) {
        counts[value, default: 0] += count
        if counts.count >= 2 * maximumDistinctValues {
            compress()
        }
    }

    /// Values ascending and their counts, within the limit.
    public func valuesAndCounts() -> (values: [Double], counts: [Double]) {
        var copy = self
        copy.compress()
        let sorted = copy.counts.sorted { $0.key < $1.key }
        return (sorted.map(\.key), sorted.map(\.value))
    }

    private mutating func compress() {
        guard counts.count > maximumDistinctValues else { return }
        var entries = counts.sorted { $0.key < $1.key }.map { (value: $0.key, count: $0.value) }
        while entries.count > maximumDistinctValues {
            var closest = 0
            var smallestGap = Double.infinity
            for index in 0..<(entries.count - 1) {
                let low = entries[index].value
                let high = entries[index + 1].value
                let scale = max(abs(low), abs(high), .leastNormalMagnitude)
                let gap = (high - low) / scale
                if gap < smallestGap {
                    smallestGap = gap
                    closest = index
                }
            }
            let left = entries[closest]
            let right = entries[closest + 1]
            let total = left.count + right.count
            let merged = (left.value * left.count + right.value * right.count) / total
            entries[closest] = (merged, total)
            entries.remove(at: closest + 1)
        }
        counts = Dictionary(entries.map { ($0.value, $0.count) }, uniquingKeysWith: +)
    }
}
