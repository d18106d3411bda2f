import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// CloudWatch throttles: a proxy in front of moto answers `Throttling` (HTTP 400, as
/// CloudWatch does) to every third request and forwards the rest. Nothing is lost, and
/// the backoff shows in the agent's self-metrics.
@Suite(.timeLimit(.minutes(3)))
struct ThrottlingProxyTests {
    static let throttlingBody = """
        <ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type>\
        <Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>proxy</RequestId></ErrorResponse>
        """
    static let forwardedHeaders: Set<String> = ["content-type", "content-encoding", "authorization", "x-amz-date", "x-amz-security-token"]

    /// Forwards to moto, but answers every `throttleEvery`-th request itself.
    static func throttlingProxy(to moto: MotoServer, http: CurlHTTPClient, throttleEvery: Int, seen: RequestCount) -> LocalHTTPServer.Handler {
        { request in
            let number = seen.next()
            if number % throttleEvery == 0 { return .status(400, throttlingBody) }
            let headers = request.headers.filter { forwardedHeaders.contains($0.name.lowercased()) }.map { HTTPHeader($0.name, $0.value) }
            do {
                let answer = try await http.execute(HTTPRequest(method: .post, url: moto.endpoint + request.uri, headers: headers, body: request.body))
                return LocalHTTPServer.Reply(status: answer.status, body: answer.body)
            } catch {
                return .status(502, "proxy: \(error)")
            }
        }
    }

    @Test func throttledRequestsAreRetriedUntilEveryDatumArrives() async throws {
        try await MotoServer.with { moto in
            let http = CurlHTTPClient()
            defer { http.shutDown() }
            let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))
            let seen = RequestCount()
            let proxy = try await LocalHTTPServer(maximumBodyBytes: 2 << 20, handler: Self.throttlingProxy(to: moto, http: http, throttleEvery: 3, seen: seen))
            defer { Task { await proxy.shutdown() } }

            let selfMetrics = AgentSelfMetrics()
            let sink = CloudWatchSink(
                client: CloudWatchClient(http: http, credentials: credentials, region: "us-east-1", endpointOverride: proxy.baseURL),
                retry: RetryPolicy(maximumAttempts: 4, baseDelay: .milliseconds(20), maximumDelay: .milliseconds(200)),
                logger: Logger(label: "throttling-test"),
                selfMetrics: selfMetrics
            )
            let firstMinute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 240
            let seriesCount = 1_200
            var published = 0
            for minute in 0..<3 {
                let timestamp = Date(timeIntervalSince1970: firstMinute + Double(minute * 60))
                let datums = (0..<seriesCount).map { index in
                    MetricDatum(metricName: "throttled/test", dimensions: [MetricDimension("Series", "s\(index)")], timestamp: timestamp, value: .single(Double(index + minute)), unit: .count)
                }
                let report = await sink.publish(namespace: "ThrottleTest", datums: datums)
                #expect(report.droppedTotal == 0)
                published += report.published
            }
            #expect(published == 3 * seriesCount)

            // Read back from moto directly: every series holds the sum of its three values.
            let client = CloudWatchClient(http: http, credentials: credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            var sums: [String: Double] = [:]
            for chunk in stride(from: 0, to: seriesCount, by: CloudWatchReadEncoder.maximumQueriesPerCall) {
                let queries = (chunk..<min(chunk + CloudWatchReadEncoder.maximumQueriesPerCall, seriesCount)).map { index in
                    MetricDataQuery(id: "s\(index)", source: .metric(
                        MetricIdentity(namespace: "ThrottleTest", metricName: "throttled/test", dimensions: [MetricDimension("Series", "s\(index)")]),
                        periodSeconds: 3600, stat: "Sum", unit: nil
                    ))
                }
                let results = try await client.getMetricData(queries: queries, start: Date(timeIntervalSince1970: firstMinute - 3600), end: Date().addingTimeInterval(60))
                for result in results { sums[result.id] = result.points.reduce(0) { $0 + $1.value } }
            }
            let wrong = (0..<seriesCount).filter { sums["s\($0)"] != Double(3 * $0 + 3) }
            #expect(wrong.isEmpty, "series with missing or doubled values: \(wrong.prefix(10))")

            // The throttling and the backoff it caused are in the agent's own metrics.
            let exposition = try PrometheusTextParser().parse(bytes: selfMetrics.exposition())
            let samples = exposition.families.flatMap(\.samples)
            func value(_ name: String, _ outcome: String? = nil) -> Double {
                samples.first { $0.name == name && (outcome == nil || $0.label("outcome") == outcome) }?.value ?? 0
            }
            let throttled = value("druidwatch_cloudwatch_requests_total", "throttled")
            #expect(throttled > 0)
            #expect(throttled == Double(seen.value / 3))
            #expect(value("druidwatch_cloudwatch_retries_total") == throttled)
            #expect(value("druidwatch_cloudwatch_backoff_seconds_total") > 0)
            #expect(value("druidwatch_cloudwatch_requests_total", "ok") == 6)
            #expect(value("druidwatch_datums_dropped_total") == 0)
        }
    }
}

final class RequestCount: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }

    var value: Int { count.withLock { $0 } }
}
