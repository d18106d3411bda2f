import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `druidwatch agent` shipping a Druid log and an alert while CloudWatch Logs is
/// unreachable, killed with SIGKILL, and started again once it answers: every line and
/// the alert arrive, once.
@Suite(.timeLimit(.minutes(3)))
struct AgentProcessLogShippingTests {
    static func logsSection(_ workspace: Workspace) -> String {
        """
        logs:
          files:
            - path: \(workspace.directory.path)/druid/*.log
              start_at: beginning
          state_directory: \(workspace.directory.path)/logs-state
          flush_interval: 1s
          multiline_timeout: 1s

        """
    }

    static func logSpoolFiles(_ workspace: Workspace) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: workspace.directory.path + "/logs-state/spool")) ?? []).filter { $0.hasSuffix(".batch") }
    }

    static func alertBatch(at date: Date) -> Data {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return Data(#"[{"feed":"alerts","timestamp":"\#(formatter.string(from: date))","service":"druid/historical","host":"h1:8083","severity":"service-failure","description":"Historical is out of disk","data":{"dataSource":"wikipedia"}}]"#.utf8)
    }

    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func linesAndAlertsSurviveSIGKILLAndArriveOnce() async throws {
        let workspace = try Workspace()
        try FileManager.default.createDirectory(atPath: workspace.directory.path + "/druid", withIntermediateDirectories: true)
        let logFile = workspace.directory.path + "/druid/historical.log"
        func append(_ range: Range<Int>) throws {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(LogShippingTestbed.lines(range).map { $0 + "\n" }.joined().utf8))
        }
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)

        let unreachable = try ClosedPort()
        let outage = try AgentProcessDuringOutageTests.start(config: try workspace.config(endpoint: "http://127.0.0.1:\(unreachable.port)", extra: Self.logsSection(workspace)))
        try append(0..<30)
        #expect(await workspace.post(Self.alertBatch(at: Date())), "the agent never took the alert")
        let spooled = await AgentProcessDuringOutageTests.eventually(within: 30) { Self.logSpoolFiles(workspace).count >= 2 }
        #expect(spooled, "the lines and the alert were never spooled")
        let outageLog = await outage.kill(SIGKILL)
        try append(30..<40)

        try await MotoServer.with { moto in
            let recovered = try AgentProcessDuringOutageTests.start(config: try workspace.config(endpoint: moto.endpoint, extra: Self.logsSection(workspace)))
            var lines: [Int] = []
            var alerts: [CloudWatchLogEvent] = []
            let arrived = await AgentProcessDuringOutageTests.eventually(within: 60) {
                lines = LogShippingTestbed.numbers((try? await LogShippingTestbed.events(moto, group: "/druid/kill-test/historical", stream: "kill-host")) ?? [])
                alerts = (try? await LogShippingTestbed.events(moto, group: "/druid/kill-test/alerts", stream: "kill-host")) ?? []
                return lines.count >= 40 && !alerts.isEmpty
            }
            let log = await recovered.kill(SIGTERM)
            #expect(arrived, "outage run:\n\(outageLog)\nrecovered run:\n\(log)")
            #expect(lines == Array(0..<40))
            #expect(alerts.count == 1)
            #expect(alerts.first?.message.contains(#""severity":"service-failure""#) == true)
            #expect(Self.logSpoolFiles(workspace).isEmpty)
        }
    }
}
