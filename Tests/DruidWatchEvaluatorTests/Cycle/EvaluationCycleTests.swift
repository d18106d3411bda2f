import DruidWatchAWS
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// The cycle with a scripted CloudWatch: what it reads, when it evaluates nothing, and
/// what goes into the outbox.
@Suite struct EvaluationCycleTests {
    static let minute = 1_767_225_600.0
    static let series = MetricIdentity(namespace: "Druid", metricName: "segment/unavailable/count", dimensions: [
        MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/coordinator"), MetricDimension("dataSource", "wikipedia"),
    ])

    /// Answers ListMetrics with `series` and every GetMetricData query with `value` at
    /// each minute of the window, or fails when told to.
    final class ScriptedCloudWatch: MetricReader {
        let failing = Mutex(false)
        let value = Mutex(3.0)
        let calls = Mutex<[String]>([])

        func listMetrics(namespace: String?, metricName: String?, dimensions: [MetricDimension]) async throws(AWSCallError) -> [MetricIdentity] {
            calls.withLock { $0.append("ListMetrics") }
            if failing.withLock({ $0 }) { throw AWSCallError.transport(.timedOut(url: "http://127.0.0.1:1", message: "scripted")) }
            return [EvaluationCycleTests.series]
        }

        func getMetricData(queries: [MetricDataQuery], start: Date, end: Date) async throws(AWSCallError) -> [MetricDataResult] {
            calls.withLock { $0.append("GetMetricData \(queries.count)") }
            if failing.withLock({ $0 }) { throw AWSCallError.transport(.timedOut(url: "http://127.0.0.1:1", message: "scripted")) }
            let value = self.value.withLock { $0 }
            let points = stride(from: start.timeIntervalSince1970, to: end.timeIntervalSince1970, by: 60).map { MetricPoint(timestamp: Date(timeIntervalSince1970: $0), value: value) }
            return queries.map { MetricDataResult(id: $0.id, label: $0.id, statusCode: "Complete", points: points) }
        }
    }

    static func rules() throws -> AlarmRuleSet {
        let configuration = try MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 3, threshold: 0, comparison: .greaterThanThreshold, treatMissingData: .notBreaching)
        let metric = MetricRule(
            metrics: [RuleMetricQuery(id: "m1", namespace: "Druid", metricName: "segment/unavailable/count", statistic: .maximum, dimensions: [
                DimensionMatcher(name: "Cluster", value: "prod"), DimensionMatcher(name: "dataSource", value: nil),
            ])],
            groupBy: ["dataSource"], configuration: configuration
        )
        return AlarmRuleSet([AlarmRuleDefinition(name: "DruidSegmentsUnavailable", group: "segments", severity: "page", kind: .metric(metric))])
    }

    func makeCycle(_ reader: ScriptedCloudWatch, directory: TemporaryDirectory, topics: [String: [String]] = ["page": ["arn:aws:sns:us-east-1:123456789012:pager"]]) throws -> (EvaluationCycle, NotificationOutbox) {
        let rules = try Self.rules()
        let paths = EvaluatorPaths(stateDirectory: directory.url)
        let logger = Logger(label: "cycle-test")
        let outbox = try NotificationOutbox(options: .init(paths: paths, logger: logger))
        let cycle = EvaluationCycle(
            rules: rules, evaluator: RuleSetEvaluator(rules: rules, readDelaySeconds: 0), reader: reader, outbox: outbox,
            renderer: GroupNotificationRenderer(accountID: "123456789012", regionCode: "us-east-1", cluster: "prod", runbookBaseURL: "https://runbooks.example/", topics: topics),
            stateStore: EvaluatorStateStore(file: paths.stateFile), silenceStore: SilenceStore(file: paths.silencesFile),
            settings: .init(topics: topics, policy: try NotificationPolicy(groupWait: 0)),
            initialState: PersistedEvaluatorState(savedAt: Date(timeIntervalSince1970: Self.minute)), logger: logger
        )
        return (cycle, outbox)
    }

    @Test func aFiringGroupIsQueuedOncePerTopicAndTheStateIsSaved() async throws {
        let directory = try TemporaryDirectory()
        let reader = ScriptedCloudWatch()
        let (cycle, outbox) = try makeCycle(reader, directory: directory, topics: ["page": ["arn:aws:sns:us-east-1:123456789012:pager", "arn:aws:sns:us-east-1:123456789012:email"]])
        let report = await cycle.run(now: Date(timeIntervalSince1970: Self.minute))
        #expect(report.readFailure == nil)
        #expect(reader.calls.withLock { $0 } == ["ListMetrics", "GetMetricData 1"])
        #expect(report.firing == 1)
        #expect(report.notifications == 1)
        #expect(report.enqueued == 2)
        #expect(outbox.pending.map(\.topicARN).sorted() == ["arn:aws:sns:us-east-1:123456789012:email", "arn:aws:sns:us-east-1:123456789012:pager"])
        #expect(outbox.pending.allSatisfy { $0.subject == #"ALARM: "DruidSegmentsUnavailable" in US East (N. Virginia)"# })
        #expect(FileManager.default.fileExists(atPath: EvaluatorPaths(stateDirectory: directory.url).stateFile.path))
    }

    @Test func aCloudWatchOutageEvaluatesNothingAndKeepsTheStates() async throws {
        let directory = try TemporaryDirectory()
        let reader = ScriptedCloudWatch()
        let (cycle, outbox) = try makeCycle(reader, directory: directory)
        _ = await cycle.run(now: Date(timeIntervalSince1970: Self.minute))
        reader.failing.withLock { $0 = true }
        let report = await cycle.run(now: Date(timeIntervalSince1970: Self.minute + 60))
        #expect(report.readFailure != nil)
        #expect(report.alarmStates == 0)
        #expect(report.notifications == 0)
        #expect(cycle.currentState.statuses.map(\.state) == [.alarm])
        #expect(outbox.count == 1)
        // Back again: the missed minute is read with the next one; still firing, nothing new sent.
        reader.failing.withLock { $0 = false }
        let recovered = await cycle.run(now: Date(timeIntervalSince1970: Self.minute + 120))
        #expect(recovered.readFailure == nil)
        #expect(recovered.notifications == 0)
        #expect(outbox.count == 1)
    }

    @Test func aSilenceHoldsTheNotificationBack() async throws {
        let directory = try TemporaryDirectory()
        let now = Date(timeIntervalSince1970: Self.minute)
        var silences = SilenceSet()
        try silences.add(try Silence(id: "maintenance", matching: ["alarm=DruidSegmentsUnavailable"], startsAt: now.addingTimeInterval(-60), endsAt: now.addingTimeInterval(3600), createdBy: "ops", comment: "coordinator upgrade"), at: now)
        try SilenceStore(file: EvaluatorPaths(stateDirectory: directory.url).silencesFile).save(silences)
        let (cycle, outbox) = try makeCycle(ScriptedCloudWatch(), directory: directory)
        let report = await cycle.run(now: now)
        #expect(report.firing == 1)
        #expect(report.notifications == 0)
        #expect(outbox.count == 0)
    }

    @Test func aSeverityWithoutTopicQueuesNothing() async throws {
        let directory = try TemporaryDirectory()
        let (cycle, outbox) = try makeCycle(ScriptedCloudWatch(), directory: directory, topics: [:])
        let report = await cycle.run(now: Date(timeIntervalSince1970: Self.minute))
        #expect(report.notifications == 1)
        #expect(report.enqueued == 0)
        #expect(outbox.count == 0)
    }
}
