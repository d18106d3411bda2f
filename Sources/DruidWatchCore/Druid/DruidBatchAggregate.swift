#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One emitter batch folded into one accumulator per series and period, before any
/// lock is taken: a batch of thousands of events usually holds a few dozen series, so
/// the shared aggregate sees a few dozen merges instead of thousands of samples.
public struct DruidBatchAggregate: Sendable {
    struct Series: Sendable {
        /// Name, dimensions, unit and kind of the series; the value is unused.
        var template: Sample
        var periodStart: Int
        var accumulator: SeriesAccumulator
        var values: Int
    }

    var series: [Series] = []
    /// Metrics the catalog did not know, dropped by the mapper's policy.
    public internal(set) var unknownMetrics = 0

    public var seriesCount: Int { series.count }
    public var valueCount: Int { series.reduce(0) { $0 + $1.values } }

    /// The metric name of each series, in the order first seen.
    public var seriesNames: [String] { series.map(\.template.name) }

    /// Built while the parser walks a batch. Series are found by the raw bytes that
    /// identify them (metric, service, kept dimension values, period), hashed a word at a
    /// time and compared in full, so that a repeated series costs no string at all.
    struct Builder {
        let mapper: DruidEventMapper
        let periodSeconds: Int
        var aggregate = DruidBatchAggregate()
        var unknownMetrics: Int {
            get { aggregate.unknownMetrics }
            set { aggregate.unknownMetrics = newValue }
        }

        /// Metric name bytes → what the mapper says about it.
        struct MetricInfo {
            var bytes: [UInt8]
            var name: String
            var entry: DruidEventMapper.Resolved?
            var kept: [String]
            var keptUTF8: [[UInt8]]
            /// Where this metric's kept dimensions start in `keptHints`.
            var firstHint: Int
        }
        var metrics = HashedPositions(capacity: 64)
        var metricInfos: [MetricInfo] = []
        /// For each kept dimension of each metric, the position among the event's
        /// dimension tokens where it was last found: a process emits a metric's
        /// dimensions in the same order every time, so the first look usually hits and
        /// the search along the tokens is the exception.
        var keptHints: [Int] = []
        var seriesIndex = HashedPositions(capacity: 256)
        var identities: [[UInt8]] = []
        var scratch = ByteScratch(capacity: 256)

        init(mapper: DruidEventMapper, periodSeconds: Int) {
            self.mapper = mapper
            self.periodSeconds = periodSeconds
        }

        /// Eight bytes per multiply rather than FNV-1a's one: every event hashes its
        /// metric name and its series identity (some 50 bytes). Equal hashes are always
        /// confirmed by comparing the bytes, so the hash only has to spread them.
        static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
            var index = 0
            while index + 8 <= bytes.count {
                hash = (hash ^ ByteWords.load(bytes, at: index)) &* multiplier
                hash ^= hash >> 29
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* multiplier
            return hash ^ (hash >> 32)
        }

        func periodStart(of seconds: Double) -> Int {
            let whole = Int(seconds.rounded(.down))
            // One division, not two: this runs for every event.
            let remainder = whole % periodSeconds
            return whole - (remainder < 0 ? remainder + periodSeconds : remainder)
        }

        /// The index of the series whose identity is in `scratch`, if seen before.
        func existingSeries(hash: UInt64) -> Int? {
            // memcmp rather than `==`, which compares arrays element by element.
            scratch.withUnsafeBytes { wanted in
                seriesIndex.first(hash: hash) { position in
                    identities[position].withUnsafeBytes { known in
                        known.count == wanted.count && (known.isEmpty || memcmp(known.baseAddress!, wanted.baseAddress!, known.count) == 0)
                    }
                }
            }
        }

        mutating func addSeries(hash: UInt64, sample: Sample) {
            let index = aggregate.series.count
            aggregate.series.append(Series(
                template: sample,
                periodStart: periodStart(of: sample.timestamp.timeIntervalSince1970),
                accumulator: SeriesAccumulator(first: sample.value, kind: sample.kind),
                values: 1
            ))
            identities.append(scratch.bytes)
            seriesIndex.insert(hash: hash, position: index)
        }

        mutating func add(_ value: Double, toSeries index: Int) {
            aggregate.series[index].accumulator.add(value)
            aggregate.series[index].values += 1
        }
    }
}
