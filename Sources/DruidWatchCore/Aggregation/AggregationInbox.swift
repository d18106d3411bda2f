import Foundation
import Synchronization

/// The one place samples are aggregated, shared by the sources the agent polls and the
/// ones that push (the Druid emitter receiver, which adds batches as they arrive from
/// its network threads). Pushing into the aggregate rather than queueing samples keeps
/// memory bounded by the number of series, not by the event rate.
public final class AggregationInbox: Sendable {
    /// CloudWatch's limit of dimensions per metric.
    public static let maximumDimensions = 30
    /// Metric names whose route is remembered; past it a route is worked out each time
    /// (unknown metrics kept with `service_only` could otherwise grow the table forever).
    static let maximumRememberedRoutes = 4096

    private struct State {
        var aggregator: PeriodAggregator
        var highResolution: PeriodAggregator?
        var routes: [String: AggregationPlan.Route] = [:]
        var dimensionsTruncated = 0

        mutating func route(_ name: String, plan: AggregationPlan) -> AggregationPlan.Route {
            if let known = routes[name] { return known }
            let route = plan.route(metricName: name)
            if routes.count < AggregationInbox.maximumRememberedRoutes { routes[name] = route }
            return route
        }

        mutating func add(_ sample: Sample, highResolution isHighResolution: Bool) {
            if isHighResolution, highResolution != nil {
                highResolution!.add(sample)
            } else {
                aggregator.add(sample)
            }
        }

        mutating func merge(_ accumulator: SeriesAccumulator, key: SeriesKey, periodStart: Int, values: Int, highResolution isHighResolution: Bool) {
            if isHighResolution, highResolution != nil {
                highResolution!.merge(accumulator, key: key, periodStart: periodStart, values: values)
            } else {
                aggregator.merge(accumulator, key: key, periodStart: aggregator.alignedStart(periodStart), values: values)
            }
        }
    }

    public let commonDimensions: [MetricDimension]
    public let plan: AggregationPlan
    /// The period a source folds a batch over before handing it in (the plan's finest):
    /// each aggregator re-aligns what it receives to its own period.
    public var foldingPeriodSeconds: Int { plan.finestPeriodSeconds }
    private let state: Mutex<State>

    /// `collectionInterval` bounds how long a finished high-resolution period may wait
    /// for the next flush, so that enough of them stay open in between.
    public init(plan: AggregationPlan, commonDimensions: [MetricDimension], collectionIntervalSeconds: Int = 60, maximumSeriesPerPeriod: Int = 50_000) {
        self.plan = plan
        self.commonDimensions = commonDimensions
        let highResolution = plan.highResolution.map { settings in
            PeriodAggregator(
                periodSeconds: settings.periodSeconds,
                maximumSeriesPerPeriod: maximumSeriesPerPeriod,
                maximumOpenPeriods: max(10, 2 * max(collectionIntervalSeconds, 60) / settings.periodSeconds + 2)
            )
        }
        self.state = Mutex(State(
            aggregator: PeriodAggregator(periodSeconds: plan.periodSeconds, maximumSeriesPerPeriod: maximumSeriesPerPeriod),
            highResolution: highResolution
        ))
    }

    public convenience init(aggregator: PeriodAggregator, commonDimensions: [MetricDimension]) {
        self.init(plan: AggregationPlan(periodSeconds: aggregator.periodSeconds), commonDimensions: commonDimensions, maximumSeriesPerPeriod: aggregator.maximumSeriesPerPeriod)
    }

    /// Stamps the common dimensions (a sample's own dimension of the same name wins),
    /// applies the plan's rollups and folds the samples in.
    public func add(_ samples: some Sequence<Sample>) {
        let stamped = samples.map(withCommonDimensions)
        state.withLock { state in
            for (sample, truncated) in stamped {
                if truncated { state.dimensionsTruncated += 1 }
                let route = state.route(sample.name, plan: plan)
                guard let rollup = route.rollup else {
                    state.add(sample, highResolution: route.highResolution)
                    continue
                }
                for rolled in rollup.apply(to: sample) {
                    state.add(rolled, highResolution: route.highResolution)
                }
            }
        }
    }

    public func add(_ sample: Sample) {
        add(CollectionOfOne(sample))
    }

    /// Folds in a batch aggregated on its own (over `foldingPeriodSeconds`), one merge
    /// per series and rollup.
    public func add(_ batch: DruidBatchAggregate) {
        let stamped = batch.series.map { series in (series, withCommonDimensions(series.template)) }
        state.withLock { state in
            for (series, (template, truncated)) in stamped {
                if truncated { state.dimensionsTruncated += 1 }
                let route = state.route(template.name, plan: plan)
                let dimensionLists = route.rollup?.dimensionLists(for: template.dimensions) ?? [template.dimensions]
                for dimensions in dimensionLists {
                    let key = SeriesKey(name: template.name, dimensions: dimensions, unit: template.unit, kind: template.kind)
                    state.merge(series.accumulator, key: key, periodStart: series.periodStart, values: series.values, highResolution: route.highResolution)
                }
            }
        }
    }

    public func drainCompleted(asOf now: Date) -> [MetricDatum] {
        state.withLock { state in
            state.aggregator.drainCompleted(asOf: now) + (state.highResolution?.drainCompleted(asOf: now) ?? [])
        }
    }

    /// See ``PeriodAggregator/clockSteppedBack(to:)``.
    public func clockSteppedBack(to date: Date) {
        state.withLock { state in
            state.aggregator.clockSteppedBack(to: date)
            state.highResolution?.clockSteppedBack(to: date)
        }
    }

    public func drainAll() -> [MetricDatum] {
        state.withLock { state in
            state.aggregator.drainAll() + (state.highResolution?.drainAll() ?? [])
        }
    }

    public var rejections: PeriodAggregator.Rejections {
        state.withLock { state in
            guard let fine = state.highResolution?.rejections else { return state.aggregator.rejections }
            let main = state.aggregator.rejections
            return .init(nonFinite: main.nonFinite + fine.nonFinite, seriesLimit: main.seriesLimit + fine.seriesLimit, late: main.late + fine.late)
        }
    }

    public var dimensionsTruncated: Int { state.withLock { $0.dimensionsTruncated } }
    public var openSeriesCount: Int {
        state.withLock { $0.aggregator.openSeriesCount + ($0.highResolution?.openSeriesCount ?? 0) }
    }

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

