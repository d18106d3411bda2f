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
