import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing

/// `packaging/systemd/druidwatch-agent.service` as systemd itself reads it
/// (`systemd-analyze`), and as it must agree with the agent's defaults.
@Suite struct AgentUnitFileTests {
    static let systemdAnalyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let unit = Fixtures.repositoryRoot.appendingPathComponent("packaging/systemd/druidwatch-agent.service")

    /// `key=value` lines of the unit, in order (a key may repeat).
    static func settings() throws -> [(key: String, value: String)] {
        try String(contentsOf: unit, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    static func value(_ key: String) throws -> String? {
        try settings().first { $0.key == key }?.value
    }

    static func seconds(_ key: String) throws -> Int? {
        try value(key).flatMap { Int($0.replacingOccurrences(of: "s", with: "")) }
    }

    /// Runs systemd-analyze on a copy of the unit (the agent's, or `unit`) whose commands
    /// point at the built binary (verify insists that they exist).
    static func analyze(_ arguments: [String], unit: URL = AgentUnitFileTests.unit) async throws -> ChildProcess.Outcome {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent(unit.lastPathComponent)
        let text = try String(contentsOf: unit, encoding: .utf8)
            .replacingOccurrences(of: "/usr/bin/druidwatch", with: try #require(DruidWatchExecutable.path))
        try text.write(to: copy, atomically: true, encoding: .utf8)
        return try await ChildProcess.run(try #require(systemdAnalyze), arguments + [copy.path])
    }

    @Test("systemd-analyze verify has nothing to say",
          .enabled(if: systemdAnalyze != nil && DruidWatchExecutable.path != nil, "needs systemd-analyze and the built druidwatch"))
    func verifies() async throws {
        let verify = try await Self.analyze(["verify"])
        #expect(verify.exitCode == 0, "\(verify.output)")
        #expect(verify.output.isEmpty, "\(verify.output)")
    }

    @Test("systemd-analyze security rates the unit 2.0 or lower",
          .enabled(if: systemdAnalyze != nil && DruidWatchExecutable.path != nil, "needs systemd-analyze and the built druidwatch"))
    func exposure() async throws {
        let security = try await Self.analyze(["security", "--offline=yes", "--no-pager"])
        let line = try #require(security.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(security.output)")
        let level = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(level <= 2.0, "\(line)")
    }

    @Test func agreesWithTheAgentsDefaults() throws {
        let defaults = AgentConfig()
        #expect(try Self.value("Type") == "notify")
        #expect(try Self.value("ExecStart") == "/usr/bin/druidwatch agent --config /etc/druidwatch/agent.yaml")
        #expect(try Self.value("ExecStartPre") == "/usr/bin/druidwatch check-config /etc/druidwatch/agent.yaml")
        // The spool's default directory is under the unit's state directory, which
        // systemd creates and gives to the service user.
        let state = try #require(try Self.value("StateDirectory"))
        #expect(defaults.spool.directory.hasPrefix("/var/lib/\(state)/"))
        // Stopping takes at most the call in flight and one for the last period.
        let stop = try #require(try Self.seconds("TimeoutStopSec"))
        #expect(Duration.seconds(stop) > defaults.aws.requestTimeout * 2 + defaults.aws.connectTimeout)
        // The watchdog must outlast a collection interval (the loop beats once per tick).
        let watchdog = try #require(try Self.seconds("WatchdogSec"))
        #expect(Duration.seconds(watchdog) > defaults.collectionInterval * 2)
    }
}
