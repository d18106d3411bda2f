import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing

/// `packaging/systemd/druidwatch-evaluator.service` as systemd reads it, rated like the
/// agent's unit, and agreeing with the evaluator's defaults.
@Suite struct EvaluatorUnitFileTests {
    static let unit = Fixtures.repositoryRoot.appendingPathComponent("packaging/systemd/druidwatch-evaluator.service")
    static let runnable = AgentUnitFileTests.systemdAnalyze != nil && DruidWatchExecutable.path != nil

    static func value(_ key: String) throws -> String? {
        try String(contentsOf: unit, encoding: .utf8).split(separator: "\n").lazy.compactMap { line -> (String, String)? in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }.first { $0.0 == key }?.1
    }

    @Test("systemd-analyze verify has nothing to say", .enabled(if: runnable, "needs systemd-analyze and the built druidwatch"))
    func verifies() async throws {
        let verify = try await AgentUnitFileTests.analyze(["verify"], unit: Self.unit)
        #expect(verify.exitCode == 0, "\(verify.output)")
        #expect(verify.output.isEmpty, "\(verify.output)")
    }

    /// It needs no capability and reads nothing of the host, so it is held tighter than
    /// the agent (2.0).
    @Test("systemd-analyze security rates the unit 1.5 or lower", .enabled(if: runnable, "needs systemd-analyze and the built druidwatch"))
    func exposure() async throws {
        let security = try await AgentUnitFileTests.analyze(["security", "--offline=yes", "--no-pager"], unit: Self.unit)
        let line = try #require(security.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(security.output)")
        let level = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(level <= 1.5, "\(line)")
    }

    @Test func agreesWithTheEvaluatorsDefaults() throws {
        let defaults = EvaluatorConfig()
        #expect(try Self.value("Type") == "notify")
        #expect(try Self.value("ExecStart") == "/usr/bin/druidwatch evaluator --config /etc/druidwatch/evaluator.yaml")
        #expect(try Self.value("ExecStartPre") == "/usr/bin/druidwatch alarms validate --rules \(defaults.rules)")
        let state = try #require(try Self.value("StateDirectory"))
        #expect("/var/lib/\(state)" == defaults.stateDirectory)
        #expect(try Self.value("AmbientCapabilities") == "")
        #expect(try Self.value("CapabilityBoundingSet") == "")
        // The watchdog is pinged while cycles finish; it must outlast one cycle's interval.
        let watchdog = try #require(try Self.value("WatchdogSec").flatMap { Int($0.replacingOccurrences(of: "s", with: "")) })
        #expect(watchdog > defaults.intervalSeconds / 2)
        // Stopping takes at most the call in flight.
        let stop = try #require(try Self.value("TimeoutStopSec").flatMap { Int($0.replacingOccurrences(of: "s", with: "")) })
        #expect(Duration.seconds(stop) > defaults.aws.requestTimeout + defaults.aws.connectTimeout)
    }
}
