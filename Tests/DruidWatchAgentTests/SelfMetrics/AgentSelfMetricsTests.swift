import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import Foundation
import Testing

/// What the agent records about itself comes out on `/metrics` as Prometheus text our own
/// scrape parser reads, with the values recorded.
@Suite struct AgentSelfMetricsTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    func scrape(_ metrics: AgentSelfMetrics, now: Date? = nil) throws -> [String: Double] {
        let result = try PrometheusTextParser().parse(bytes: metrics.exposition(now: now ?? start))
        #expect(result.skippedLines == 0)
        var values: [String: Double] = [:]
        for sample in result.families.flatMap(\.samples) {
            let labels = sample.labels.map(\.description).joined(separator: ",")
            values[labels.isEmpty ? sample.name : "\(sample.name){\(labels)}"] = sample.value
        }
        return values
    }

    @Test func everyRecordedFigureIsExposed() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        metrics.recordSamples(120, source: "host")
        metrics.recordSamples(30, source: "host")
        metrics.recordSourceFailure(source: "zookeeper")
        metrics.recordEmitter(.accepted(events: 83, rejected: 2))
        metrics.recordEmitter(.refused(.overloaded))
        var report = PublishReport()
        report.published = 900
        report.spooled = 100
        report.replayed = 7
        report.drop(3, .rejected, error: "x")
        metrics.record(report)
        metrics.recordRequest(duration: .milliseconds(40), error: nil, at: start)
        metrics.recordRequest(duration: .milliseconds(10), error: .service(AWSServiceError(httpStatus: 400, code: "Throttling", message: "Rate exceeded")), at: start)
        metrics.recordRequest(duration: .milliseconds(5), error: .service(AWSServiceError(httpStatus: 503, code: "ServiceUnavailable", message: "")), at: start)
        metrics.recordRetry(after: .milliseconds(1500))
        metrics.recordRetry(after: .milliseconds(500))
        metrics.recordOpenSeries(42)

        let values = try scrape(metrics)
        #expect(values[#"druidwatch_samples_received_total{source="host"}"#] == 150)
        #expect(values[#"druidwatch_samples_received_total{source="druid_emitter"}"#] == 83)
        #expect(values[#"druidwatch_source_failures_total{source="zookeeper"}"#] == 1)
        #expect(values[#"druidwatch_emitter_rejected_events_total"#] == 2)
        #expect(values[#"druidwatch_emitter_refusals_total{reason="overloaded"}"#] == 1)
        #expect(values["druidwatch_datums_published_total"] == 900)
        #expect(values["druidwatch_datums_spooled_total"] == 100)
        #expect(values["druidwatch_datums_replayed_total"] == 7)
        #expect(values[#"druidwatch_datums_dropped_total{reason="rejected"}"#] == 3)
        #expect(values[#"druidwatch_cloudwatch_requests_total{outcome="ok"}"#] == 1)
        #expect(values[#"druidwatch_cloudwatch_requests_total{outcome="throttled"}"#] == 1)
        #expect(values[#"druidwatch_cloudwatch_requests_total{outcome="server_error"}"#] == 1)
        #expect(values["druidwatch_cloudwatch_request_duration_seconds_count"] == 3)
        #expect(abs((values["druidwatch_cloudwatch_request_duration_seconds_sum"] ?? 0) - 0.055) < 1e-9)
        #expect(values["druidwatch_cloudwatch_retries_total"] == 2)
        #expect(values["druidwatch_cloudwatch_backoff_seconds_total"] == 2)
        #expect(values["druidwatch_cloudwatch_last_success_time_seconds"] == start.timeIntervalSince1970)
        #expect(values["druidwatch_aggregation_open_series"] == 42)
        #expect(values["druidwatch_start_time_seconds"] == start.timeIntervalSince1970)
    }

    /// Totals kept elsewhere (the aggregate's rejections, the spool's drops) are counted
    /// by their increase, so the exposed counter never goes back.
    @Test func runningTotalsBecomeMonotonicCounters() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        metrics.recordRejections(.init(nonFinite: 2, seriesLimit: 0, late: 5))
        metrics.recordRejections(.init(nonFinite: 2, seriesLimit: 1, late: 9))
        metrics.recordRejections(.init(nonFinite: 2, seriesLimit: 1, late: 9))
        let values = try scrape(metrics)
        #expect(values[#"druidwatch_samples_rejected_total{reason="non_finite"}"#] == 2)
        #expect(values[#"druidwatch_samples_rejected_total{reason="series_limit"}"#] == 1)
        #expect(values[#"druidwatch_samples_rejected_total{reason="late"}"#] == 9)
    }

    @Test func distinctSeriesOfTheLastDayAreCounted() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        let datums = (0..<10).map { MetricDatum(metricName: "m", dimensions: [MetricDimension("dataSource", "d\($0 % 4)")], timestamp: start, value: .single(1), unit: .count) }
        var report = PublishReport()
        report.published = datums.count
        metrics.record(report, published: datums, at: start)
        metrics.record(report, published: [MetricDatum(metricName: "other", dimensions: [], timestamp: start, value: .single(1), unit: .count)], at: start.addingTimeInterval(3600))
        #expect(try scrape(metrics, now: start.addingTimeInterval(7200))["druidwatch_series_published_last_day"] == 5)
        // A day after the first publish, only the later series is left.
        #expect(try scrape(metrics, now: start.addingTimeInterval(24 * 3600 + 60))["druidwatch_series_published_last_day"] == 1)
    }

    @Test func healthFollowsCollectionAndDelivery() {
        let metrics = AgentSelfMetrics(startedAt: start)
        #expect(metrics.health(now: start.addingTimeInterval(10), stallAfter: 80).status == .ok)
        metrics.recordCollection(at: start.addingTimeInterval(10))
        metrics.recordRequest(duration: .milliseconds(20), error: nil, at: start.addingTimeInterval(11))
        #expect(metrics.health(now: start.addingTimeInterval(20), stallAfter: 80).status == .ok)

        // CloudWatch stops answering: degraded once nothing got through for stallAfter.
        metrics.recordCollection(at: start.addingTimeInterval(100))
        metrics.recordRequest(duration: .seconds(5), error: .transport(.couldNotConnect(url: "http://127.0.0.1:9", message: "Connection refused")), at: start.addingTimeInterval(100))
        let failing = metrics.health(now: start.addingTimeInterval(100), stallAfter: 80)
        #expect(failing.status == .degraded)
        #expect(failing.lastDeliveryError?.contains("Connection refused") == true)
        #expect(failing.httpStatus == 200)

        // It answers again.
        metrics.recordRequest(duration: .milliseconds(20), error: nil, at: start.addingTimeInterval(120))
        let recovered = metrics.health(now: start.addingTimeInterval(121), stallAfter: 80)
        #expect(recovered.status == .ok)
        #expect(recovered.lastDeliveryError == nil)

        // The loop stops collecting: stalled, the one state that answers 503.
        let stalled = metrics.health(now: start.addingTimeInterval(300), stallAfter: 80)
        #expect(stalled.status == .stalled)
        #expect(stalled.httpStatus == 503)
    }

    @Test func healthRoundTripsThroughItsJSON() throws {
        let metrics = AgentSelfMetrics(startedAt: start)
        metrics.recordCollection(at: start.addingTimeInterval(5))
        let health = metrics.health(now: start.addingTimeInterval(6), stallAfter: 80)
        #expect(try AgentHealth.decode(health.json()) == health)
        #expect(String(decoding: health.json(), as: UTF8.self).contains(#""last_collection":"2026-09-21T14:13:25Z""#))
    }
}
