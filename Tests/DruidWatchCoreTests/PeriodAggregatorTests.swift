import DruidWatchCore
import Foundation
import Testing

@Suite struct PeriodAggregatorTests {
    let base = Date(timeIntervalSince1970: 1_764_064_800)  // a multiple of 60 s

    private func sample(_ name: String, _ value: Double, _ kind: SampleKind, at offset: TimeInterval, dimensions: [MetricDimension] = []) -> Sample {
        Sample(name: name, dimensions: dimensions, value: value, unit: .count, kind: kind, timestamp: base.addingTimeInterval(offset))
    }

    @Test func countersSumAndGaugesKeepStatistics() {
        var aggregator = PeriodAggregator(periodSeconds: 60)
        aggregator.add(sample("events", 3, .counter, at: 1))
        aggregator.add(sample("events", 4, .counter, at: 30))
        aggregator.add(sample("cpu", 10, .gauge, at: 10))
        aggregator.add(sample("cpu", 30, .gauge, at: 20))
        aggregator.add(sample("cpu", 20, .gauge, at: 50))
        let datums = aggregator.drainCompleted(asOf: base.addingTimeInterval(60))
        let byName = Dictionary(uniqueKeysWithValues: datums.map { ($0.metricName, $0) })
        #expect(byName["events"]?.value == .single(7))
        #expect(byName["cpu"]?.value == .statistics(StatisticSet(sampleCount: 3, sum: 60, minimum: 10, maximum: 30)))
        #expect(datums.allSatisfy { $0.timestamp == base && $0.storageResolution == 60 })
    }

    @Test func periodInProgressIsHeldUntilItEnds() {
        var aggregator = PeriodAggregator(periodSeconds: 60)
        aggregator.add(sample("events", 1, .counter, at: 59))
        aggregator.add(sample("events", 1, .counter, at: 61))
        #expect(aggregator.drainCompleted(asOf: base.addingTimeInterval(59)).isEmpty)
        let first = aggregator.drainCompleted(asOf: base.addingTimeInterval(60))
        #expect(first.count == 1 && first[0].timestamp == base)
        let rest = aggregator.drainAll()
        #expect(rest.count == 1 && rest[0].timestamp == base.addingTimeInterval(60))
    }

    @Test func dimensionOrderDoesNotSplitASeries() {
        var aggregator = PeriodAggregator(periodSeconds: 60)
        aggregator.add(sample("m", 1, .counter, at: 1, dimensions: [MetricDimension("a", "1"), MetricDimension("b", "2")]))
        aggregator.add(sample("m", 1, .counter, at: 2, dimensions: [MetricDimension("b", "2"), MetricDimension("a", "1")]))
        let datums = aggregator.drainAll()
        #expect(datums.count == 1)
        #expect(datums.first?.value == .single(2))
    }

    @Test func highResolutionPeriods() {
        var aggregator = PeriodAggregator(periodSeconds: 10)
        aggregator.add(sample("m", 1, .gauge, at: 3))
        let datums = aggregator.drainAll()
        #expect(datums.first?.storageResolution == 1)
    }

    @Test func nonFiniteLateAndOverLimitSamplesAreCountedNotStored() {
        var aggregator = PeriodAggregator(periodSeconds: 60, maximumSeriesPerPeriod: 2)
        aggregator.add(sample("nan", .nan, .gauge, at: 1))
        aggregator.add(sample("inf", .infinity, .gauge, at: 1))
        aggregator.add(sample("a", 1, .gauge, at: 1))
        aggregator.add(sample("b", 1, .gauge, at: 1))
        aggregator.add(sample("c", 1, .gauge, at: 1))
        aggregator.add(sample("a", 2, .gauge, at: 2))  // existing series still accepted
        _ = aggregator.drainCompleted(asOf: base.addingTimeInterval(60))
        aggregator.add(sample("a", 1, .gauge, at: 5))  // that period is already published
        #expect(aggregator.rejections == .init(nonFinite: 2, seriesLimit: 1, late: 1))
    }

    @Test func openPeriodsAreBounded() {
        var aggregator = PeriodAggregator(periodSeconds: 60, maximumOpenPeriods: 3)
        for period in 0..<10 {
            aggregator.add(sample("m", 1, .counter, at: TimeInterval(period * 60)))
        }
        let datums = aggregator.drainAll()
        #expect(datums.count == 3)
        #expect(datums.map(\.timestamp) == [7, 8, 9].map { base.addingTimeInterval(TimeInterval($0 * 60)) })
        #expect(aggregator.rejections.late == 7)
    }

    @Test func timersKeepAtMost150DistinctValuesAndEveryCount() {
        var aggregator = PeriodAggregator(periodSeconds: 60)
        for value in 1...5_000 {
            aggregator.add(sample("query/time", Double(value), .timer, at: 1))
        }
        guard case let .distribution(values, counts) = aggregator.drainAll().first?.value else {
            Issue.record("expected a distribution")
            return
        }
        #expect(values.count <= 150)
        #expect(values.count == counts.count)
        #expect(counts.reduce(0, +) == 5_000)
        #expect(values == values.sorted())
        // The total (and so the mean) is preserved by count-weighted merging.
        let sum = zip(values, counts).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(sum - 12_502_500) < 1e-6 * 12_502_500)
    }

    @Test func negativeTimestampsAlignDownwards() {
        let aggregator = PeriodAggregator(periodSeconds: 60)
        #expect(aggregator.periodStart(of: Date(timeIntervalSince1970: -1)) == -60)
        #expect(aggregator.periodStart(of: Date(timeIntervalSince1970: 119.9)) == 60)
    }
}
