import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
import Testing

/// How a spooling sink settles each kind of failure, against a scripted CloudWatch.
@Suite struct SpoolingSinkFailureTests {
    let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))
    let timestamp = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 60).rounded(.down) - 3) * 60)

    static let ok = LocalHTTPServer.Reply.status(200, "<PutMetricDataResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PutMetricDataResponse>")

    static func error(_ status: Int, _ code: String) -> LocalHTTPServer.Reply {
        .status(status, "<ErrorResponse><Error><Type>Sender</Type><Code>\(code)</Code><Message>scripted</Message></Error><RequestId>r</RequestId></ErrorResponse>")
    }

    private func sink(_ server: LocalHTTPServer, _ directory: SpoolDirectory) throws -> SpoolingSink {
        let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
        let logger = Logger(label: "spool-test")
        return SpoolingSink(
            spool: try directory.open(),
            sink: CloudWatchSink(client: client, retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1)), logger: logger),
            logger: logger
        )
    }

    private func datum(_ name: String) -> MetricDatum {
        MetricDatum(metricName: name, dimensions: [], timestamp: timestamp, value: .single(1), unit: .count)
    }

    @Test(arguments: [(400, "Throttling"), (429, "TooManyRequests"), (500, "InternalFailure"), (503, "ServiceUnavailable")])
    func retryableFailuresStaySpooled(status: Int, code: String) async throws {
        let directory = SpoolDirectory()
        try await LocalHTTPServer.with(handler: { _ in Self.error(status, code) }) { server in
            let spooling = try sink(server, directory)
            let report = await spooling.publish(namespace: "N", datums: [datum("a"), datum("b")])
            #expect(report.spooled == 2)
            #expect(report.dropped.isEmpty)
            #expect(spooling.spool.entries.map(\.itemCount) == [2])
        }
    }

    /// Part of a request refused as invalid, part published, part unavailable: only
    /// the unavailable part stays on disk, so a replay publishes nothing twice.
    @Test func aPartlySentBatchKeepsOnlyWhatWasNotTaken() async throws {
        let directory = SpoolDirectory()
        try await LocalHTTPServer.with(handler: { request in
            let body = request.bodyText
            if body.contains("MetricName=bad") { return Self.error(400, "InvalidParameterValue") }
            if body.contains("MetricName=down") { return Self.error(503, "ServiceUnavailable") }
            return Self.ok
        }) { server in
            let spooling = try sink(server, directory)
            let report = await spooling.publish(namespace: "N", datums: [datum("good"), datum("bad"), datum("down1"), datum("down2")])
            #expect(report.published == 1)
            #expect(report.dropped == [.rejected: 1])
            #expect(report.spooled == 2)
            let entries = spooling.spool.entries
            #expect(entries.count == 1)
            #expect(entries.first.flatMap { spooling.spool.read($0) }?.datums.map(\.metricName) == ["down1", "down2"])
            #expect(directory.fileNames.count == 1)
        }
    }

    /// While CloudWatch is still down, a replay stops at the first failure and keeps
    /// everything, in order.
    @Test func aReplayIntoAnOutageStopsAndKeepsEverything() async throws {
        let directory = SpoolDirectory()
        try await LocalHTTPServer.with(handler: { _ in Self.error(503, "ServiceUnavailable") }) { server in
            let spooling = try sink(server, directory)
            for name in ["a", "b", "c"] { _ = await spooling.publish(namespace: "N", datums: [datum(name)]) }
            let before = spooling.spool.entries
            let replay = await spooling.replay(maximumRequests: 10)
            #expect(replay.interrupted)
            #expect(replay.batches == 0)
            #expect(replay.requests == 1, "one attempt, no retry series")
            #expect(spooling.outage.isOngoing)
            #expect(spooling.spool.entries == before)
            // Nothing stays claimed: the next round tries again from the oldest.
            #expect(spooling.spool.claimOldest(10).map(\.sequence) == before.map(\.sequence))
        }
    }

    /// The replay an agent runs on start, before it reports ready, makes one attempt and
    /// no retry series (with timeouts that would outlast systemd's start timeout), and
    /// leaves the sink probing.
    @Test func aReplayAtStartTriesOnceAndRemembersTheOutage() async throws {
        let directory = SpoolDirectory()
        try await LocalHTTPServer.with(handler: { _ in Self.error(503, "ServiceUnavailable") }) { server in
            do {
                let before = try sink(server, directory)
                _ = await before.publish(namespace: "N", datums: [datum("a")])
                _ = await before.publish(namespace: "N", datums: [datum("b")])
            }
            server.clearRequests()
            let restarted = try sink(server, directory)
            #expect(!restarted.outage.isOngoing)
            let replay = await restarted.replay(maximumRequests: 10)
            #expect(replay.interrupted)
            #expect(replay.requests == 1)
            #expect(server.requests.count == 1)
            #expect(restarted.outage.isOngoing)
            #expect(restarted.spool.entries.count == 2)
        }
    }

    /// Once a request fails for good, the rest of the publish is spooled unsent, and later
    /// publishes send one probe without retries until CloudWatch answers; then
    /// everything is sent and the spool replayed.
    @Test func anOutageCostsOneRetrySeriesThenOneProbePerPublish() async throws {
        let directory = SpoolDirectory()
        let cloudWatch = ScriptedAvailability()
        try await LocalHTTPServer.with(handler: { _ in
            cloudWatch.isDown ? Self.error(503, "ServiceUnavailable") : Self.ok
        }) { server in
            let spooling = try sink(server, directory)
            // 2,500 datums: three requests of at most 1,000.
            let period = (0..<2_500).map { datum("m\($0)") }

            let first = await spooling.publish(namespace: "N", datums: period)
            #expect(first.requests == 2, "the first batch's retry series, then nothing sent")
            #expect(first.spooled == 2_500)
            #expect(spooling.spool.entries.map(\.itemCount) == [1_000, 1_000, 500])
            #expect(spooling.outage.isOngoing)

            let second = await spooling.publish(namespace: "N", datums: period)
            #expect(second.requests == 1, "one probe, no retry")
            #expect(second.spooled == 2_500)
            #expect(server.requests.count == 3)

            cloudWatch.isDown = false
            let recovered = await spooling.publish(namespace: "N", datums: period)
            #expect(!spooling.outage.isOngoing)
            #expect(recovered.published == 2_500)
            #expect(recovered.replayed == 5_000)
            #expect(recovered.requests == 3 + 6)
            #expect(spooling.spool.isEmpty)
        }
    }
}

/// A CloudWatch that is down until the test says otherwise.
private final class ScriptedAvailability: Sendable {
    private let down = Mutex(true)

    var isDown: Bool {
        get { down.withLock { $0 } }
        set { down.withLock { $0 = newValue } }
    }
}
