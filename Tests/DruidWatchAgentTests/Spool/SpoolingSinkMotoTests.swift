import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

@Suite struct SpoolingSinkMotoTests {
    let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))
    let namespace = "SpoolTest"
    let host = [MetricDimension("Host", "h")]
    /// Fixed per test, so that a minute turning mid-test moves nothing.
    let base = Date()

    /// The start of the minute `minutesAgo` minutes back.
    private func minute(_ minutesAgo: Int) -> Date {
        Date(timeIntervalSince1970: ((base.timeIntervalSince1970 / 60).rounded(.down) - Double(minutesAgo)) * 60)
    }

    private func sink(endpoint: String, directory: SpoolDirectory, maximumReplayRequests: Int = 20) throws -> SpoolingSink {
        let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: endpoint, connectTimeout: .seconds(2), requestTimeout: .seconds(10))
        let logger = Logger(label: "spool-test")
        return SpoolingSink(
            spool: try directory.open(),
            sink: CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1)), logger: logger),
            maximumReplayRequests: maximumReplayRequests,
            logger: logger
        )
    }

    private func client(_ moto: MotoServer) -> CloudWatchClient {
        CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: moto.endpoint)
    }

    /// One period's datums: a plain value, a statistic set and a distribution.
    private func period(_ minutesAgo: Int) -> [MetricDatum] {
        let timestamp = minute(minutesAgo)
        let value = Double(100 + minutesAgo)
        return [
            MetricDatum(metricName: "single", dimensions: host, timestamp: timestamp, value: .single(value), unit: .count),
            MetricDatum(metricName: "stats", dimensions: host, timestamp: timestamp, value: .statistics(StatisticSet(sampleCount: 2, sum: 2 * value, minimum: value - 1, maximum: value + 1)), unit: .milliseconds),
            MetricDatum(metricName: "dist", dimensions: host, timestamp: timestamp, value: .distribution(values: [value, value + 10], counts: [1, 3]), unit: .bytes),
        ]
    }

    private func points(_ cloudWatch: CloudWatchClient, _ name: String, _ stat: String, from start: Date) async throws -> [MetricPoint] {
        let query = MetricDataQuery(id: "q", source: .metric(MetricIdentity(namespace: namespace, metricName: name, dimensions: host), periodSeconds: 60, stat: stat, unit: nil))
        let results = try await cloudWatch.getMetricData(queries: [query], start: start.addingTimeInterval(-60), end: Date().addingTimeInterval(60))
        return results.first?.points ?? []
    }

    /// CloudWatch unreachable for several periods: everything is spooled; a new sink on
    /// the same directory (the agent restarted) replays it all to a running CloudWatch
    /// with the original timestamps and values, and the spool ends empty.
    @Test func anOutageLosesNothing() async throws {
        let directory = SpoolDirectory()
        let minutesAgo = [6, 5, 4, 3]
        do {
            let closed = try ClosedPort()
            let down = try sink(endpoint: "http://127.0.0.1:\(closed.port)", directory: directory)
            for ago in minutesAgo {
                let report = await down.publish(namespace: namespace, datums: period(ago))
                #expect(report.spooled == 3)
                #expect(report.published == 0)
                #expect(report.dropped.isEmpty)
                // A retry series the first time; then one probe per publish.
                #expect(report.requests == (ago == minutesAgo.first ? 2 : 1))
            }
            #expect(down.spool.entries.count == minutesAgo.count)
        }
        #expect(directory.fileNames.count == minutesAgo.count)

        try await MotoServer.with { moto in
            let up = try sink(endpoint: moto.endpoint, directory: directory)
            let replay = await up.replay(maximumRequests: 10)
            #expect(replay.batches == minutesAgo.count)
            #expect(replay.published == 3 * minutesAgo.count)
            #expect(replay.interrupted == false)
            #expect(up.spool.isEmpty)
            #expect(directory.fileNames.isEmpty)

            let cloudWatch = client(moto)
            let start = minute(minutesAgo.max()!)
            let expectedTimes = minutesAgo.map { minute($0) }.sorted()
            let expectedValues = minutesAgo.sorted(by: >).map { Double(100 + $0) }
            let single = try await points(cloudWatch, "single", "Sum", from: start)
            #expect(single.map(\.timestamp) == expectedTimes)
            #expect(single.map(\.value) == expectedValues)
            let statsMax = try await points(cloudWatch, "stats", "Maximum", from: start)
            #expect(statsMax.map(\.timestamp) == expectedTimes)
            #expect(statsMax.map(\.value) == expectedValues.map { $0 + 1 })
            let statsCount = try await points(cloudWatch, "stats", "SampleCount", from: start)
            #expect(statsCount.map(\.value) == Array(repeating: 2, count: minutesAgo.count))
            let distCount = try await points(cloudWatch, "dist", "SampleCount", from: start)
            #expect(distCount.map(\.timestamp) == expectedTimes)
            #expect(distCount.map(\.value) == Array(repeating: 4, count: minutesAgo.count))
        }
    }

    /// A replay round sends at most its quota of requests, oldest first.
    @Test func replayIsBoundedPerRoundAndOldestFirst() async throws {
        let directory = SpoolDirectory()
        do {
            let closed = try ClosedPort()
            let down = try sink(endpoint: "http://127.0.0.1:\(closed.port)", directory: directory)
            for ago in [5, 4, 3] { _ = await down.publish(namespace: namespace, datums: period(ago)) }
        }
        try await MotoServer.with { moto in
            let up = try sink(endpoint: moto.endpoint, directory: directory)
            let first = await up.replay(maximumRequests: 2)
            #expect(first.batches == 2)
            #expect(first.requests == 2)
            #expect(up.spool.entries.count == 1)
            let single = try await points(client(moto), "single", "Sum", from: minute(5))
            #expect(single.map(\.timestamp) == [minute(5), minute(4)])
            let second = await up.replay(maximumRequests: 2)
            #expect(second.batches == 1)
            #expect(up.spool.isEmpty)
        }
    }

    /// Once CloudWatch answers again, a successful publish replays the backlog itself.
    @Test func aSuccessfulPublishReplaysTheBacklog() async throws {
        let directory = SpoolDirectory()
        do {
            let closed = try ClosedPort()
            let down = try sink(endpoint: "http://127.0.0.1:\(closed.port)", directory: directory)
            _ = await down.publish(namespace: namespace, datums: period(4))
            _ = await down.publish(namespace: namespace, datums: period(3))
        }
        try await MotoServer.with { moto in
            let up = try sink(endpoint: moto.endpoint, directory: directory)
            let report = await up.publish(namespace: namespace, datums: period(2))
            #expect(report.published == 3)
            #expect(report.replayed == 6)
            #expect(report.spooled == 0)
            #expect(up.spool.isEmpty)
            #expect(directory.fileNames.isEmpty)
            let single = try await points(client(moto), "single", "Sum", from: minute(4))
            #expect(single.map(\.timestamp) == [minute(4), minute(3), minute(2)])
        }
    }

    /// A datum CloudWatch refuses is dropped alone during a replay too; its file goes.
    @Test func aRejectedDatumInTheSpoolIsDroppedWithItsFile() async throws {
        let directory = SpoolDirectory()
        do {
            let spool = try directory.open()
            var datums = period(3)
            datums.insert(MetricDatum(metricName: "bad", dimensions: host, timestamp: minute(3), value: .single(.nan), unit: .count), at: 1)
            spool.release(try spool.write(SpoolRecord(namespace: namespace, datums: datums)))
        }
        try await MotoServer.with { moto in
            let up = try sink(endpoint: moto.endpoint, directory: directory)
            let replay = await up.replay()
            #expect(replay.published == 3)
            #expect(replay.rejected == 1)
            #expect(replay.batches == 1)
            #expect(directory.fileNames.isEmpty)
            let listed = try await client(moto).listMetrics(namespace: namespace)
            #expect(Set(listed.map(\.metricName)) == ["single", "stats", "dist"])
        }
    }

    /// `kill -9` mid-send: the files written before sending are complete and replay;
    /// a half-written temporary file is removed; nothing is sent twice within a run.
    @Test func aCrashMidSendLosesNothingWritten() async throws {
        let directory = SpoolDirectory()
        do {
            // The process dies while these are being sent (claimed, not yet settled).
            let spool = try directory.open()
            for ago in [4, 3] { _ = try spool.write(SpoolRecord(namespace: namespace, datums: period(ago))) }
        }
        let leftover = SpoolRecord(namespace: namespace, datums: period(2)).encoded()
        try leftover.prefix(leftover.count / 3).write(to: directory.url.appendingPathComponent("00000000000000000003-0-3.batch.tmp"))

        try await MotoServer.with { moto in
            let up = try sink(endpoint: moto.endpoint, directory: directory)
            #expect(up.spool.statistics.temporaryFilesRemoved == 1)
            let replay = await up.replay()
            #expect(replay.published == 6)
            #expect(directory.fileNames.isEmpty)
            let single = try await points(client(moto), "single", "Sum", from: minute(4))
            #expect(single.map(\.timestamp) == [minute(4), minute(3)])
            #expect(single.map(\.value) == [104, 103])
        }
    }
}
