import DruidWatchCore
import Foundation
import Testing

/// The agent's delivery figures become samples: two gauges every time, and a counter
/// sample per reason or outcome only where its running total grew.
@Suite struct AgentDeliveryFiguresTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func value(_ samples: [Sample], _ name: String, _ dimension: MetricDimension? = nil) -> Double? {
        samples.first { sample in sample.name == name && dimension.map { sample.dimensions.contains($0) } ?? true }?.value
    }

    @Test func aHealthyAgentReportsAnEmptySpoolAndNothingElse() {
        let samples = AgentDeliveryFigures().samples(since: AgentDeliveryFigures(), at: now)
        #expect(samples.map(\.name) == [AgentDeliveryFigures.Name.spoolBytes, AgentDeliveryFigures.Name.spoolOldestAge])
        #expect(samples.allSatisfy { $0.value == 0 && $0.kind == .gauge && $0.timestamp == now })
        #expect(samples.map(\.unit) == [.bytes, .seconds])
    }

    @Test func theSpoolsOldestDataIsReportedByItsAge() {
        var figures = AgentDeliveryFigures()
        figures.spoolBytes = 48_000
        figures.spoolFiles = 3
        figures.oldestSpooled = now.addingTimeInterval(-900)
        let samples = figures.samples(since: AgentDeliveryFigures(), at: now)
        #expect(value(samples, AgentDeliveryFigures.Name.spoolBytes) == 48_000)
        #expect(value(samples, AgentDeliveryFigures.Name.spoolOldestAge) == 900)
    }

    @Test func countersReportTheirIncreasePerReasonAndOutcome() {
        var before = AgentDeliveryFigures()
        before.datumsDropped = ["spool_full": 10, "rejected": 2]
        before.failedRequests = ["throttled": 4]
        var after = before
        after.datumsDropped["spool_full"] = 250
        after.datumsDropped["unavailable"] = 7
        after.failedRequests["throttled"] = 4
        after.failedRequests["network"] = 3

        let counters = after.samples(since: before, at: now).filter { $0.kind == .counter }
        #expect(counters.count == 3)
        #expect(counters.allSatisfy { $0.unit == .count })
        let dropped = AgentDeliveryFigures.Name.datumsDropped
        let errors = AgentDeliveryFigures.Name.publishErrors
        #expect(value(counters, dropped, MetricDimension("Reason", "spool_full")) == 240)
        #expect(value(counters, dropped, MetricDimension("Reason", "unavailable")) == 7)
        #expect(value(counters, dropped, MetricDimension("Reason", "rejected")) == nil, "no increase, no sample")
        #expect(value(counters, errors, MetricDimension("Outcome", "network")) == 3)
        #expect(value(counters, errors, MetricDimension("Outcome", "throttled")) == nil)
    }

    @Test func aTotalThatWentDownCountsFromZero() {
        var before = AgentDeliveryFigures()
        before.datumsDropped = ["spool_expired": 500]
        var after = AgentDeliveryFigures()
        after.datumsDropped = ["spool_expired": 20]
        let samples = after.samples(since: before, at: now)
        #expect(value(samples, AgentDeliveryFigures.Name.datumsDropped, MetricDimension("Reason", "spool_expired")) == 20)
    }
}
