import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import Foundation
import Testing

/// What the agent records about its deliveries comes back from its own source as
/// samples for CloudWatch: each loss and failed call once, the spool every time.
@Suite struct AgentSelfSourceTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    typealias Name = AgentDeliveryFigures.Name

    func counters(_ samples: [Sample]) -> [String: Double] {
        var values: [String: Double] = [:]
        for sample in samples where sample.kind == .counter {
            values["\(sample.name){\(sample.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ","))}"] = sample.value
        }
        return values
    }

    @Test func lossesAndFailedCallsAreReportedOnceAndTheSpoolEveryTime() async throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        let source = AgentSelfSource(metrics: metrics)

        var report = PublishReport()
        report.published = 900
        report.drop(3, .rejected, error: "InvalidParameterValue")
        metrics.record(report)
        metrics.recordRequest(duration: .milliseconds(10), error: .service(AWSServiceError(httpStatus: 400, code: "Throttling", message: "Rate exceeded")), at: start)
        metrics.recordRequest(duration: .seconds(5), error: .transport(.couldNotConnect(url: "http://127.0.0.1:9", message: "refused")), at: start)
        metrics.recordRequest(duration: .milliseconds(40), error: nil, at: start)
        var spoolStatistics = SpoolStatistics()
        spoolStatistics.itemsDroppedForSize = 1_000
        metrics.recordSpool(spoolStatistics, files: 2, bytes: 64_000, oldestSpooled: start.addingTimeInterval(-600))

        let first = try await source.collect(at: start)
        #expect(counters(first) == [
            "\(Name.datumsDropped){Reason=rejected}": 3,
            "\(Name.datumsDropped){Reason=spool_full}": 1_000,
            "\(Name.publishErrors){Outcome=network}": 1,
            "\(Name.publishErrors){Outcome=throttled}": 1,
        ])
        #expect(first.first { $0.name == Name.spoolBytes }?.value == 64_000)
        #expect(first.first { $0.name == Name.spoolOldestAge }?.value == 600)

        // Nothing new: the spool is reported again, nothing else.
        let second = try await source.collect(at: start.addingTimeInterval(10))
        #expect(counters(second).isEmpty)
        #expect(second.first { $0.name == Name.spoolOldestAge }?.value == 610)

        // Another failed call, and the spool drained.
        metrics.recordRequest(duration: .milliseconds(10), error: .service(AWSServiceError(httpStatus: 400, code: "Throttling", message: "Rate exceeded")), at: start)
        metrics.recordSpool(spoolStatistics, files: 0, bytes: 0, oldestSpooled: nil)
        let third = try await source.collect(at: start.addingTimeInterval(20))
        #expect(counters(third) == ["\(Name.publishErrors){Outcome=throttled}": 1])
        #expect(third.filter { $0.kind == .gauge }.map(\.value) == [0, 0])
    }
}
