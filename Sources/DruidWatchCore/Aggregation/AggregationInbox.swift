import Foundation
import Synchronization

/// The one place samples are aggregated, shared by the sources the agent polls and the
/// ones that push (the Druid emitter receiver, which adds batches as they arrive from
/// its network threads). Pushing into the aggregate rather than queueing samples keeps
/// memory bounded by the number of series, not by the event rate.
public final class AggregationInbox: Sendable {
    /// CloudWatch's limit of dimensions per metric.
    public static let maximumDimensions = 30

    private struct State {
        var aggregator: PeriodAggregator
        var dimensionsTruncated = 0
    }

    public let commonDimensions: [MetricDimension]
    public let periodSeconds: Int
    private let state: Mutex<State>

    public init(aggregator: PeriodAggregator, commonDimensions: [MetricDimension]) {
        self.commonDimensions = commonDimensions
        self.periodSeconds = aggregator.periodSeconds
        self.state = Mutex(State(aggregator: aggregator))
    }


    /// Stamps the common dimensions (a sample's own dimension of the same name wins)
    /// and folds the samples in.
    public func add(_ samples: some Sequence<Sample>) {
        let stamped = samples.map(withCommonDimensions)
        state.withLock { state in
            for (sample, truncated) in stamped {
                if truncated { state.dimensionsTruncated += 1 }
                state.aggregator.add(sample)
            }
        }
    }

    public func add(_ sample: Sample) {
        add(CollectionOfOne(sample))
    }

    /// Folds in a batch aggregated on its own, one merge per series.
    public func add(_ batch: DruidBatchAggregate) {
        let stamped = batch.series.map { series in (series, withCommonDimensions(series.template)) }
        state.withLock { state in
            for (series, (template, truncated)) in stamped {
                if truncated { state.dimensionsTruncated += 1 }
                state.aggregator.merge(series.accumulator, key: SeriesKey(template), periodStart: series.periodStart, values: series.values)
            }
        }
    }

    public func drainCompleted(asOf now: Date) -> [MetricDatum] {
        state.withLock { $0.aggregator.drainCompleted(asOf: now) }
    }

    public func drainAll() -> [MetricDatum] {
        state.withLock { $0.aggregator.drainAll() }
    }

    public var rejections: PeriodAggregator.Rejections { state.withLock { $0.aggregator.rejections } }
    public var dimensionsTruncated: Int { state.withLock { $0.dimensionsTruncated } }
    public var openSeriesCount: Int { state.withLock { $0.aggregator.openSeriesCount } }

    private func withCommonDimensions(_ sample: Sample) -> (Sample, truncated: Bool) {
        guard !commonDimensions.isEmpty else { return (sample, false) }
        var merged = sample
        merged.dimensions.reserveCapacity(sample.dimensions.count + commonDimensions.count)
        for dimension in commonDimensions where !sample.dimensions.contains(where: { $0.name == dimension.name }) {
            merged.dimensions.append(dimension)
        }
        guard merged.dimensions.count > Self.maximumDimensions else { return (merged, false) }
        merged.dimensions = Array(merged.dimensions.prefix(Self.maximumDimensions))
        return (merged, true)
    }
}
