/// One series' running aggregate within one period.
enum SeriesAccumulator: Sendable {
    case counter(sum: Double)
    case gauge(StatisticSet)
    case timer(ValueDistribution)

    init(first value: Double, kind: SampleKind) {
        switch kind {
        case .counter: self = .counter(sum: value)
        case .gauge: self = .gauge(StatisticSet(sampleCount: 1, sum: value, minimum: value, maximum: value))
        case .timer:
            var distribution = ValueDistribution()
            distribution.add(value)
            self = .timer(distribution)
        }
    }

    mutating func add(_ value: Double) {
        switch self {
        case let .counter(sum):
            self = .counter(sum: sum + value)
        case var .gauge(set):
            set.sampleCount += 1
            set.sum += value
            set.minimum = min(set.minimum, value)
            set.maximum = max(set.maximum, value)
            self = .gauge(set)
        case var .timer(distribution):
            // Drop self's reference first, so that the distribution's storage is
            // uniquely referenced and grows in place instead of being copied per value.
            self = .counter(sum: 0)
            distribution.add(value)
            self = .timer(distribution)
        }
    }

    /// Folds in another accumulator of the same series (a batch aggregated on its own).
    mutating func merge(_ other: SeriesAccumulator) {
        switch (self, other) {
        case let (.counter(sum), .counter(more)):
            self = .counter(sum: sum + more)
        case (.gauge(var set), let .gauge(more)):
            set.sampleCount += more.sampleCount
            set.sum += more.sum
            set.minimum = min(set.minimum, more.minimum)
            set.maximum = max(set.maximum, more.maximum)
            self = .gauge(set)
        case (.timer(var distribution), let .timer(more)):
            self = .counter(sum: 0)
            distribution.merge(more)
            self = .timer(distribution)
        default:
            // Same key means same kind; nothing else can reach here.
            break
        }
    }

    var datumValue: MetricDatumValue {
        switch self {
        case let .counter(sum):
            return .single(sum)
        case let .gauge(set):
            return set.sampleCount == 1 ? .single(set.sum) : .statistics(set)
        case let .timer(distribution):
            let (values, counts) = distribution.valuesAndCounts()
            return .distribution(values: values, counts: counts)
        }
    }
}
