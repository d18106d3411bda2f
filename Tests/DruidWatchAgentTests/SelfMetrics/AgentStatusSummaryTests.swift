import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import Foundation
import Testing

/// `druidwatch status` from what a real `/metrics` and `/healthz` answer.
@Suite struct AgentStatusSummaryTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func summarisesAnAgentWhoseDeliveriesFail() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        metrics.recordSamples(1_200_000, source: "druid_emitter")
        metrics.recordSamples(3_400, source: "host")
        metrics.recordSourceFailure(source: "zookeeper")
        var report = PublishReport()
        report.published = 45_678
        report.spooled = 2_000
        report.drop(12, .outsideTimeWindow, error: "old")
        metrics.record(report)
        metrics.recordCollection(at: start.addingTimeInterval(7_380))
        metrics.recordRequest(duration: .milliseconds(40), error: nil, at: start.addingTimeInterval(7_000))
        metrics.recordRequest(duration: .milliseconds(60), error: .service(AWSServiceError(httpStatus: 400, code: "Throttling", message: "Rate exceeded")), at: start.addingTimeInterval(7_300))
        metrics.recordRetry(after: .milliseconds(3200))
        let now = start.addingTimeInterval(7_384)
        let summary = AgentStatusSummary(
            address: "127.0.0.1:8787",
            health: metrics.health(now: now, stallAfter: 80),
            metrics: try PrometheusTextParser().parse(bytes: metrics.exposition(now: now))
        )
        let text = summary.render(now: now)
        #expect(summary.exitCode == 1)
        #expect(text.hasPrefix("druidwatch agent at 127.0.0.1:8787: DEGRADED, up 2h 03m\n"))
        #expect(text.contains("  collecting: last collection 4s ago\n"))
        #expect(text.contains("  delivering: FAILING: Throttling (HTTP 400): Rate exceeded; last accepted 6m 24s ago\n"))
        #expect(text.contains("  received:   1,203,400 samples (druid_emitter 1,200,000, host 3,400); 1 source failure (zookeeper 1)\n"))
        #expect(text.contains("  datums:     45,678 published, 2,000 spooled, 0 replayed, 12 dropped (outside_time_window 12)\n"))
        #expect(text.contains("  CloudWatch: 2 PutMetricData requests (ok 1, throttled 1), mean 50 ms; 1 retry, 3.2 s of backoff\n"))
    }

    @Test func aHealthyAgentExitsZero() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        metrics.recordCollection(at: start.addingTimeInterval(5))
        let summary = AgentStatusSummary(address: "a", health: metrics.health(now: start.addingTimeInterval(6), stallAfter: 80), metrics: PrometheusParseResult())
        #expect(summary.exitCode == 0)
        #expect(summary.render(now: start.addingTimeInterval(6)).contains("nothing sent yet"))
    }
}
