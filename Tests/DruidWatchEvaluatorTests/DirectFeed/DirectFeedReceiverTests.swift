import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The evaluator's direct feed endpoint on 127.0.0.1: who it lets in, what it bounds,
/// and the agent's sink feeding a rule that fires without GetMetricData.
@Suite struct DirectFeedReceiverTests {
    static let token = DirectFeedToken("s3cret-token")!
    static let t0 = 1_767_225_600

    func startReceiver(queueLimit: Int = 10, maximumBodyBytes: Int = 4096) async throws -> (DirectFeedReceiver, Int, DirectFeedQueue) {
        let queue = DirectFeedQueue(limit: queueLimit)
        let receiver = DirectFeedReceiver(
            settings: .init(host: "127.0.0.1", port: 0, token: Self.token, maximumBodyBytes: maximumBodyBytes),
            consumer: queue, logger: Logger(label: "direct-feed-test")
        )
        return (receiver, try await receiver.start(), queue)
    }

    func post(_ port: Int, body: Data, authorization: String? = "Bearer s3cret-token") async throws -> HTTPResponse {
        var headers = [HTTPHeader("Content-Type", "application/json")]
        if let authorization { headers.append(HTTPHeader("Authorization", authorization)) }
        return try await CurlHTTPClient().execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/", headers: headers, body: body))
    }

    static func batch(_ count: Int = 1) throws -> Data {
        try DirectFeedBatch(namespace: "Druid", datums: (0..<count).map { index in
            DirectFeedDatum(metricName: "m\(index)", dimensions: [MetricDimension("Service", "druid/broker")], timestamp: t0, periodSeconds: 60, value: .single(1), unit: .count)
        }).encoded()
    }

    @Test func aPostWithoutTheTokenIsRefused() async throws {
        let (receiver, port, queue) = try await startReceiver()
        #expect(try await post(port, body: try Self.batch(), authorization: nil).status == 401)
        #expect(try await post(port, body: try Self.batch(), authorization: "Bearer wrong").status == 401)
        #expect(try await post(port, body: try Self.batch(), authorization: "Basic czNjcmV0LXRva2Vu").status == 401)
        #expect(queue.pending == 0)
        try await receiver.stop()
    }

    @Test func aBodyOverTheBoundIsRefused() async throws {
        let (receiver, port, queue) = try await startReceiver(maximumBodyBytes: 4096)
        let response = try await post(port, body: try Self.batch(100))
        #expect(response.status == 413)
        #expect(queue.pending == 0)
        try await receiver.stop()
    }

    @Test func aBodyThatIsNotABatchIsABadRequestWithTheReason() async throws {
        let (receiver, port, queue) = try await startReceiver()
        let notJSON = try await post(port, body: Data("{\"namespace\":".utf8))
        #expect(notJSON.status == 400)
        #expect(String(decoding: notJSON.body, as: UTF8.self).contains("not JSON"))
        let noNamespace = try await post(port, body: Data(#"{"datums":[]}"#.utf8))
        #expect(noNamespace.status == 400)
        #expect(String(decoding: noNamespace.body, as: UTF8.self).contains("namespace"))
        #expect(queue.pending == 0)
        try await receiver.stop()
    }

    @Test func aBatchIsAcceptedAndQueuedUntilTheQueueIsFull() async throws {
        let (receiver, port, queue) = try await startReceiver(queueLimit: 1)
        let accepted = try await post(port, body: try Self.batch(3))
        #expect(accepted.status == 202)
        #expect(String(decoding: accepted.body, as: UTF8.self) == #"{"accepted":3,"skipped":0,"reasons":[]}"#)
        #expect(queue.pending == 1)
        #expect(try await post(port, body: try Self.batch()).status == 503)
        #expect(queue.drain().map(\.datums.count) == [3])
        #expect(try await post(port, body: try Self.batch()).status == 202)
        try await receiver.stop()
    }

    // MARK: End to end

    final class CountingReader: MetricReader {
        let calls = Mutex<[String]>([])

        func listMetrics(namespace: String?, metricName: String?, dimensions: [MetricDimension]) async throws(AWSCallError) -> [MetricIdentity] {
            calls.withLock { $0.append("ListMetrics") }
            return []
        }

        func getMetricData(queries: [MetricDataQuery], start: Date, end: Date) async throws(AWSCallError) -> [MetricDataResult] {
            calls.withLock { $0.append("GetMetricData") }
            return queries.map { MetricDataResult(id: $0.id, label: $0.id, statusCode: "Complete", points: []) }
        }
    }

    final class RecordingSink: MetricSink {
        let published = Mutex(0)

        func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
            published.withLock { $0 += datums.count }
            var report = PublishReport()
            report.published = datums.count
            return report
        }
    }

    @Test func theAgentsFeedFiresARuleWithoutGetMetricData() async throws {
        let configuration = try MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 1, threshold: 100, comparison: .greaterThanThreshold, treatMissingData: .missing)
        let rules = AlarmRuleSet([AlarmRuleDefinition(name: "SlowQueries", group: "query", severity: "page", kind: .metric(MetricRule(
            metrics: [RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "query/time", statistic: .maximum, dimensions: [DimensionMatcher(name: "Service", value: nil)])],
            groupBy: ["Service"], configuration: configuration
        )))])
        let directory = try TemporaryDirectory()
        let paths = EvaluatorPaths(stateDirectory: directory.url)
        let logger = Logger(label: "direct-feed-e2e")
        let reader = CountingReader()
        let cycle = EvaluationCycle(
            rules: rules, evaluator: RuleSetEvaluator(rules: rules, readDelaySeconds: 0), reader: reader,
            outbox: try NotificationOutbox(options: .init(paths: paths, logger: logger)),
            renderer: GroupNotificationRenderer(accountID: "123456789012", regionCode: "us-east-1", cluster: "prod", runbookBaseURL: "https://runbooks.example/", topics: [:]),
            stateStore: EvaluatorStateStore(file: paths.stateFile), silenceStore: SilenceStore(file: paths.silencesFile),
            settings: .init(), initialState: PersistedEvaluatorState(savedAt: Date(timeIntervalSince1970: Double(Self.t0))), logger: logger
        )
        // A first cycle: nothing is listed yet, nothing read.
        _ = await cycle.run(now: Date(timeIntervalSince1970: Double(Self.t0)))

        let receiver = DirectFeedReceiver(settings: .init(host: "127.0.0.1", port: 0, token: Self.token), consumer: cycle, logger: logger)
        let port = try await receiver.start()
        let cloudWatch = RecordingSink()
        let sink = FeedingSink(primary: cloudWatch, feed: DirectFeedSink(url: "http://127.0.0.1:\(port)/", token: Self.token, periodSeconds: 60, http: CurlHTTPClient(), logger: logger))
        let report = await sink.publish(namespace: "Druid", datums: [
            MetricDatum(metricName: "query/time", dimensions: [MetricDimension("Service", "druid/broker"), MetricDimension("InstanceId", "i-1")],
                        timestamp: Date(timeIntervalSince1970: Double(Self.t0)), value: .distribution(values: [20, 900], counts: [10, 1]), unit: .milliseconds),
        ])
        #expect(report.published == 1)
        #expect(cloudWatch.published.withLock { $0 } == 1)
        for _ in 0..<100 where sink.statistics.posted == 0 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(cycle.directFeed.pending == 1)
        #expect(sink.statistics.posted == 1)

        let cycleReport = await cycle.run(now: Date(timeIntervalSince1970: Double(Self.t0 + 60)))
        try await receiver.stop()
        #expect(cycleReport.feedDatums == 1)
        #expect(cycleReport.getMetricDataCalls == 0)
        #expect(!reader.calls.withLock { $0 }.contains("GetMetricData"))
        #expect(cycleReport.firing == 1)
        #expect(cycle.currentState.statuses.map(\.key.description) == ["SlowQueries{Service=druid/broker}"])
        #expect(cycle.currentState.statuses.first?.value == 900)
    }
}
