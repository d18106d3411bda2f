import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `druidwatch agent` process while CloudWatch is unreachable: killed with
/// SIGKILL and started again once CloudWatch answers, or stopped with SIGTERM while
/// CloudWatch hangs.
@Suite(.timeLimit(.minutes(3)))
struct AgentProcessDuringOutageTests {
    static let events = 40

    struct Agent {
        let child: ChildProcess
        let output: Task<Data, Never>

        func kill(_ signal: Int32) async -> String {
            _ = Glibc.kill(child.pid, signal)
            child.stop()
            return String(decoding: await output.value, as: UTF8.self)
        }
    }

    static func start(config: URL, secretAccessKey: String = "secret") throws -> Agent {
        let child = try ChildProcess(
            executable: try #require(DruidWatchExecutable.path),
            arguments: ["agent", "--config", config.path],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": secretAccessKey, "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"]
        )
        return Agent(child: child, output: Task { await child.readToEnd() })
    }

    /// Druid's HTTP emitter batch: `query/time` of one dataSource, values 1...events.
    static func batch(at date: Date) -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let stamp = formatter.string(from: date)
        let events = (1...Self.events).map { value in
            #"{"feed":"metrics","timestamp":"\#(stamp)","service":"druid/broker","host":"b1:8082","metric":"query/time","value":\#(value),"dataSource":"killtest","type":"timeseries"}"#
        }
        return Data("[\(events.joined(separator: ","))]".utf8)
    }

    static func spooledDatums(in directory: URL) -> [MetricDatum] {
        let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "batch" }.flatMap { file in
            (try? Data(contentsOf: file)).flatMap { try? SpoolRecord.decode($0) }?.datums ?? []
        }
    }

    /// Polls `condition` every 200 ms until it holds or `seconds` pass.
    static func eventually(within seconds: Double, _ condition: () async -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return await condition()
    }

    /// What had been spooled before SIGKILL arrives after the restart, once, with its
    /// original timestamps; and `druidwatch status` tells the story.
    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func spooledDataSurvivesSIGKILLAndArrivesOnce() async throws {
        let workspace = try Workspace()

        // 1. CloudWatch unreachable: the agent takes the batch and spools its period.
        let unreachable = try ClosedPort()
        let outage = try Self.start(config: try workspace.config(endpoint: "http://127.0.0.1:\(unreachable.port)"))
        let sentAt = Date()
        let accepted = await workspace.post(Self.batch(at: sentAt))
        #expect(accepted, "the agent never took the emitter batch")
        let spooled = await Self.eventually(within: 40) {
            Self.spooledDatums(in: workspace.spool).contains { $0.metricName == "query/time" && $0.dimensions.contains(MetricDimension("dataSource", "killtest")) }
        }
        #expect(spooled, "the period was never spooled")
        // The agent reports its own failed calls and its spool, which are spooled too.
        let reported = await Self.eventually(within: 40) {
            let datums = Self.spooledDatums(in: workspace.spool)
            let failedCalls = datums.contains { (datum: MetricDatum) in
                datum.metricName == AgentDeliveryFigures.Name.publishErrors && datum.dimensions.contains(MetricDimension("Outcome", "network"))
            }
            let spoolLevel = datums.contains { (datum: MetricDatum) in
                guard datum.metricName == AgentDeliveryFigures.Name.spoolBytes else { return false }
                switch datum.value {
                case let .single(level): return level > 0
                case let .statistics(set): return set.maximum > 0
                case let .distribution(values, _): return values.contains { $0 > 0 }
                }
            }
            return failedCalls && spoolLevel
        }
        #expect(reported, "the agent's own failed calls and spool were never spooled")

        // 2. SIGKILL: no shutdown hook runs.
        let outageLog = await outage.kill(SIGKILL)
        #expect(!Self.spooledDatums(in: workspace.spool).isEmpty, "agent output:\n\(outageLog)")

        // 3. CloudWatch is back; the restarted agent replays the spool.
        try await MotoServer.with { moto in
            let recovered = try Self.start(config: try workspace.config(endpoint: moto.endpoint))
            let drained = await Self.eventually(within: 60) { Self.spooledDatums(in: workspace.spool).isEmpty }
            #expect(drained, "the spool was never replayed")

            let status = try await DruidWatchExecutable.run(["status", "--address", "127.0.0.1:\(workspace.statusPort)"])
            #expect(status.exitCode == 0, "\(status.output)")
            #expect(status.output.contains(": OK, up "), "\(status.output)")
            let log = await recovered.kill(SIGTERM)

            // 4. Exactly the events sent, once each, at the period they were sent in.
            let client = CloudWatchClient(http: workspace.http, credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test")), region: "us-east-1", endpointOverride: moto.endpoint)
            let series = try await client.listMetrics(namespace: "KillTest", metricName: "query/time")
                .filter { $0.dimensions.contains(MetricDimension("dataSource", "killtest")) }
            #expect(series.count == 1, "agent output:\n\(log)")
            let identity = try #require(series.first)
            var totals: [String: Double] = [:]
            for stat in ["SampleCount", "Sum"] {
                let results = try await client.getMetricData(
                    queries: [MetricDataQuery(id: "q", source: .metric(identity, periodSeconds: 5, stat: stat, unit: nil))],
                    start: sentAt.addingTimeInterval(-600), end: Date().addingTimeInterval(60)
                )
                let points = results.flatMap(\.points)
                #expect(points.count == 1, "\(stat): \(points)")
                #expect(points.allSatisfy { abs($0.timestamp.timeIntervalSince(sentAt)) < 6 }, "\(points) for events sent at \(sentAt)")
                totals[stat] = points.reduce(0) { $0 + $1.value }
            }
            #expect(totals["SampleCount"] == Double(Self.events))
            #expect(totals["Sum"] == Double(Self.events * (Self.events + 1) / 2))

            // 5. What the agent said about the outage reached CloudWatch with the rest.
            let errors = try await client.listMetrics(namespace: "KillTest", metricName: AgentDeliveryFigures.Name.publishErrors)
            #expect(errors.contains { $0.dimensions.contains(MetricDimension("Outcome", "network")) }, "\(errors)")
            let spoolSeries = try #require(try await client.listMetrics(namespace: "KillTest", metricName: AgentDeliveryFigures.Name.spoolBytes).first)
            let spoolLevels = try await client.getMetricData(
                queries: [MetricDataQuery(id: "s", source: .metric(spoolSeries, periodSeconds: 5, stat: "Maximum", unit: nil))],
                start: sentAt.addingTimeInterval(-600), end: Date().addingTimeInterval(60)
            ).flatMap(\.points)
            #expect(spoolLevels.contains { $0.value > 0 }, "\(spoolLevels)")
        }
    }

    /// SIGTERM while CloudWatch accepts connections but never answers: no retry series
    /// of timeouts (4 attempts of 5 s, twice, before the fix), only the call in flight and
    /// one attempt for the last period, so systemd's stop timeout is not reached; and
    /// what was not delivered is on disk for the next start.
    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func sigtermAgainstAHangingCloudWatchStopsWithinTwoRequestTimeouts() async throws {
        let workspace = try Workspace()

        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(120))
            return .status(503, "")
        }) { hanging in
            let agent = try Self.start(config: try workspace.config(endpoint: hanging.baseURL))
            let sentAt = Date()
            let accepted = await workspace.post(Self.batch(at: sentAt))
            #expect(accepted, "the agent never took the emitter batch")
            // The period is being published: the first attempt hangs.
            let publishing = await Self.eventually(within: 30) { !hanging.requests.isEmpty }
            #expect(publishing, "the agent never called CloudWatch")

            let signalled = ContinuousClock.now
            _ = Glibc.kill(agent.child.pid, SIGTERM)
            let status = await agent.child.exitStatus()
            let stopping = ContinuousClock.now - signalled
            let log = await agent.kill(SIGKILL)
            #expect(status == 0, "agent output:\n\(log)")
            // request_timeout is 5 s: the call in flight plus one for the last period.
            #expect(stopping < .seconds(12), "stopped after \(stopping); agent output:\n\(log)")
            #expect(hanging.requests.count <= 2, "\(hanging.requests.count) calls")
            let kept = Self.spooledDatums(in: workspace.spool).filter { $0.metricName == "query/time" && $0.dimensions.contains(MetricDimension("dataSource", "killtest")) }
            #expect(kept.count == 1, "agent output:\n\(log)")
        }
    }
}

/// A directory for one agent's configuration and spool, free ports for its emitter
/// receiver and self-metrics, and an HTTP client; removed and shut down afterwards.
final class Workspace: Sendable {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-process-\(UUID().uuidString)")
    let http = CurlHTTPClient()
    let emitterPort: Int
    let statusPort: Int

    var spool: URL { directory.appendingPathComponent("spool") }

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        emitterPort = try ClosedPort.free()
        statusPort = try ClosedPort.free()
    }

    deinit {
        http.shutDown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Posts an emitter batch to the agent until it answers 200 (it may still be starting).
    func post(_ batch: Data) async -> Bool {
        await AgentProcessDuringOutageTests.eventually(within: 30) {
            let answer = try? await http.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(emitterPort)/", headers: [HTTPHeader("Content-Type", "application/json")], body: batch))
            return answer?.status == 200
        }
    }

    /// The agent's configuration against `endpoint`: only the emitter receiver on, 5 s
    /// periods, and `extra` (more top-level sections).
    func config(endpoint: String, extra: String = "") throws -> URL {
        let url = directory.appendingPathComponent("agent-\(endpoint.split(separator: ":").last ?? "x").yaml")
        try """
            cluster: kill-test
            namespace: KillTest
            period: 5s
            collection_interval: 5s
            identity:
              instance_id: none
              auto_scaling_group: none
              host: kill-host
            aws:
              region: us-east-1
              endpoint_url: \(endpoint)
              imds: false
              connect_timeout: 1s
              request_timeout: 5s
            sources:
              host:
                enabled: false
              jvm:
                enabled: false
              druid_health:
                enabled: false
              druid_emitter:
                listen: 127.0.0.1:\(emitterPort)
            spool:
              directory: \(directory.appendingPathComponent("spool").path)
            self_metrics:
              listen: 127.0.0.1:\(statusPort)
            logging:
              level: error

            """.appending(extra).write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
