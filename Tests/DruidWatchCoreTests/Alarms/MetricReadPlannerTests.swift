import DruidWatchCore
import Testing

/// Packing a cycle's reads into GetMetricData calls (reference §1.10: 500 queries and
/// 100,800 points per call).
@Suite struct MetricReadPlannerTests {
    typealias F = AlarmRuleFixtures
    let t0 = AlarmRuleFixtures.t0

    private func reads(_ count: Int, period: Int, start: Int, end: Int, offset: Int = 0) -> [SeriesRead] {
        (0..<count).map { index in
            let series = F.series("m", ["InstanceId": "i-\(offset + index)"])
            return SeriesRead(request: SeriesRequest(metric: series, stat: "Sum", periodSeconds: period), start: start, end: end)
        }
    }

    /// Points a call returns at most: one per period of every query over the window.
    private func points(_ batch: MetricReadBatch) -> Int {
        batch.reads.reduce(0) { $0 + (batch.end - batch.start) / $1.request.periodSeconds + 1 }
    }

    @Test func noReadsNoCalls() {
        #expect(MetricReadPlanner.batches([]).isEmpty)
    }

    @Test(arguments: [1, 499, 500, 501, 1000, 1001, 1234])
    func callsAreAtMost500QueriesAndAsFewAsPossible(count: Int) {
        let batches = MetricReadPlanner.batches(reads(count, period: 60, start: t0 - 420, end: t0))
        #expect(batches.count == (count + 499) / 500)
        #expect(batches.allSatisfy { $0.reads.count <= MetricReadPlanner.maximumQueriesPerCall })
        #expect(batches.map(\.reads.count).reduce(0, +) == count)
        #expect(batches.allSatisfy { $0.start == t0 - 420 && $0.end == t0 })
    }

    @Test func mixedPeriodsStillNeedOnlyCeilOfQueriesOver500Calls() {
        // 700 one-minute reads from 27 minutes back (not on a 5-minute boundary), and 600
        // five-minute reads from 25 minutes back.
        let minute = reads(700, period: 60, start: t0 - 1620, end: t0 + 240)
        let fiveMinutes = reads(600, period: 300, start: t0 - 1500, end: t0, offset: 1000)
        let batches = MetricReadPlanner.batches(fiveMinutes + minute)
        #expect(batches.count == 3)  // ceil(1300 / 500)
        #expect(batches.map(\.reads.count) == [500, 500, 300])
        // Every read planned once.
        #expect(Set(batches.flatMap(\.reads)) == Set(minute + fiveMinutes))
        // A call of one-minute reads only starts on a minute; one holding both periods on
        // a boundary of both (their least common multiple, 5 minutes), at or before its
        // earliest read.
        #expect(batches[0].reads.allSatisfy { $0.request.periodSeconds == 60 })
        #expect(batches[0].start == t0 - 1620)
        #expect(Set(batches[1].reads.map(\.request.periodSeconds)) == [60, 300])
        #expect(batches[1].start == t0 - 1800)
        #expect(batches[2].reads.allSatisfy { $0.request.periodSeconds == 300 })
        #expect(batches[2].start == t0 - 1500)
        // The window ends with the newest read.
        #expect(batches.map(\.end) == [t0 + 240, t0 + 240, t0])
    }

    @Test func theWindowStartsOnTheLeastCommonMultipleOfItsPeriods() {
        // 20 s and 30 s: a boundary of both is a minute.
        let batches = MetricReadPlanner.batches(reads(1, period: 20, start: t0 - 40, end: t0) + reads(1, period: 30, start: t0 - 30, end: t0, offset: 1))
        #expect(batches.count == 1)
        #expect(batches[0].start == t0 - 60)
        #expect(batches[0].start % 20 == 0 && batches[0].start % 30 == 0)
    }

    @Test func tenSecondPeriodsOverADayAreSplitByThePointLimit() {
        // N = 8,640 ten-second periods (a day, the longest span below an hour's period):
        // N + 2 slots, 8,643 points per query, so 11 queries per call.
        let slots = EvaluationRange.slotCount(evaluationPeriods: 8640)
        let batches = MetricReadPlanner.batches(reads(30, period: 10, start: t0 - slots * 10, end: t0))
        #expect(batches.map(\.reads.count) == [11, 11, 8])
        for batch in batches {
            #expect(points(batch) <= MetricReadPlanner.maximumPointsPerCall)
        }
        // One more query would have crossed the limit.
        #expect(points(batches[0]) + 8643 > MetricReadPlanner.maximumPointsPerCall)
    }

    @Test func queriesAreNumberedAndCarryTheirMetricPeriodAndStat() {
        let series = F.series("query/time", ["Service": "druid/broker"])
        let read = SeriesRead(request: SeriesRequest(metric: series, stat: "p99", periodSeconds: 300, unit: .milliseconds), start: t0 - 1500, end: t0)
        let batch = MetricReadPlanner.batches([read] + reads(2, period: 300, start: t0 - 1500, end: t0))[0]
        #expect(batch.queries.map(\.id) == ["q0", "q1", "q2"])
        let queries = batch.metricDataQueries
        #expect(queries.count == 3)
        #expect(queries.allSatisfy { $0.returnData })
        #expect(queries.contains { $0.source == .metric(series, periodSeconds: 300, stat: "p99", unit: .milliseconds) })
    }
}
