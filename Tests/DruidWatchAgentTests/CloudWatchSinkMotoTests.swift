import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

@Suite struct CloudWatchSinkMotoTests {
    let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    private var recentMinute: Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 120)
    }

    /// A datum CloudWatch refuses is found by halving and dropped alone; every other
    /// datum of its request is published, and received = published + dropped.
    @Test func oneRejectedDatumNeverCostsTheRest() async throws {
        try await MotoServer.with { moto in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let sink = CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1)), logger: Logger(label: "test"))
            var datums = (0..<20).map {
                MetricDatum(metricName: "good\($0)", dimensions: [MetricDimension("Host", "h")], timestamp: recentMinute, value: .single(Double($0)), unit: .count)
            }
            // Counts that do not match their values: CloudWatch (and moto) refuse it.
            datums.insert(MetricDatum(metricName: "bad", dimensions: [], timestamp: recentMinute, value: .distribution(values: [1, 2], counts: [1]), unit: .count), at: 7)
            let report = await sink.publish(namespace: "SinkTest", datums: datums)
            #expect(report.published == 20)
            #expect(report.dropped == [.rejected: 1])
            #expect(report.published + report.droppedTotal == datums.count)
            let listed = try await client.listMetrics(namespace: "SinkTest")
            #expect(Set(listed.map(\.metricName)) == Set((0..<20).map { "good\($0)" }))
        }
    }

    /// What CloudWatch is known to refuse never goes out: NaN, values beyond ±2^360,
    /// timestamps older than two weeks or more than two hours ahead.
    @Test func datumsCloudWatchWouldRefuseAreDroppedBeforeSending() async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(200, "<PutMetricDataResponse/>") }) { server in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
            let now = Date()
            let sink = CloudWatchSink(client: client, logger: Logger(label: "test"), now: { now })
            let datums = [
                MetricDatum(metricName: "ok", dimensions: [], timestamp: recentMinute, value: .single(1), unit: .count),
                MetricDatum(metricName: "nan", dimensions: [], timestamp: recentMinute, value: .single(.nan), unit: .count),
                MetricDatum(metricName: "huge", dimensions: [], timestamp: recentMinute, value: .statistics(StatisticSet(sampleCount: 1, sum: 1e200, minimum: 1e200, maximum: 1e200)), unit: .count),
                MetricDatum(metricName: "old", dimensions: [], timestamp: now.addingTimeInterval(-15 * 24 * 3600), value: .single(1), unit: .count),
                MetricDatum(metricName: "future", dimensions: [], timestamp: now.addingTimeInterval(3 * 3600), value: .single(1), unit: .count),
            ]
            let report = await sink.publish(namespace: "SinkTest", datums: datums)
            #expect(report.published == 1)
            #expect(report.dropped == [.valueOutOfRange: 2, .outsideTimeWindow: 2])
            #expect(server.requests.count == 1)
        }
    }

    /// Expired credentials or a missing permission say nothing about the datums: they are
    /// kept as unavailable (for the spool), never split and dropped as invalid.
    @Test func refusalsForTheCallerKeepTheDatums() async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(403, "<ErrorResponse><Error><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error></ErrorResponse>") }) { server in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
            let sink = CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1)), logger: Logger(label: "test"))
            let datums = (0..<4).map { MetricDatum(metricName: "m\($0)", dimensions: [], timestamp: recentMinute, value: .single(1), unit: .count) }
            let outcome = await sink.send(datums, namespace: "SinkTest")
            #expect(outcome.report.dropped == [.unavailable: 4])
            #expect(outcome.unavailable.count == 4)
            #expect(server.requests.count == 1)
        }
    }

    @Test func unavailableCloudWatchIsRetriedABoundedNumberOfTimesThenCounted() async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(503, "<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>") }) { server in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
            let sink = CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1)), logger: Logger(label: "test"))
            let datums = [MetricDatum(metricName: "m", dimensions: [], timestamp: recentMinute, value: .single(1), unit: .count)]
            let report = await sink.publish(namespace: "SinkTest", datums: datums)
            #expect(report.requests == 3)
            #expect(server.requests.count == 3)
            #expect(report.dropped == [.unavailable: 1])
            #expect(report.lastError[.unavailable]?.contains("ServiceUnavailable") == true)
        }
    }

    /// A call cut short by cancellation (the agent stopping) says nothing about the
    /// datums either: kept as unavailable, never split into one request per datum and
    /// dropped as rejected.
    @Test(.timeLimit(.minutes(1))) func aCancelledCallKeepsTheDatums() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(60))
            return .status(200, "<PutMetricDataResponse/>")
        }) { server in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
            let sink = CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(1)), logger: Logger(label: "test"))
            let datums = (0..<8).map { MetricDatum(metricName: "m\($0)", dimensions: [], timestamp: recentMinute, value: .single(1), unit: .count) }
            let sending = Task { await sink.send(datums, namespace: "SinkTest") }
            while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
            sending.cancel()
            let outcome = await sending.value
            #expect(outcome.report.dropped == [.unavailable: 8])
            #expect(outcome.unavailable.count == 8)
            #expect(server.requests.count == 1)
        }
    }
}

