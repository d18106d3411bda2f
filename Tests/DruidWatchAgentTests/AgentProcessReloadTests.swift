import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP to the real agent: a configuration with problems is refused, said why, and
/// the agent runs on as it was; a good one is taken by executing again in place (the
/// same process, so systemd's main PID), which then serves on the new settings.
@Suite(.timeLimit(.minutes(3)))
struct AgentProcessReloadTests {
    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func aBadConfigurationIsRefusedAndAGoodOneTakenInPlace() async throws {
        let workspace = try Workspace()
        let unreachable = try ClosedPort()
        let config = try workspace.config(endpoint: "http://127.0.0.1:\(unreachable.port)")
        let original = try String(contentsOf: config, encoding: .utf8)
        let agent = try AgentProcessDuringOutageTests.start(config: config)
        func statusOK(_ port: Int) async -> Bool {
            (try? await DruidWatchExecutable.run(["status", "--address", "127.0.0.1:\(port)"]))?.exitCode == 0
        }
        #expect(await AgentProcessDuringOutageTests.eventually(within: 30) { await statusOK(workspace.statusPort) }, "the agent never served its status")

        // A typo: refused, and the agent keeps serving as before.
        try original.replacingOccurrences(of: "collection_interval: 5s", with: "collection_interval: 5 seconds").write(to: config, atomically: true, encoding: .utf8)
        _ = kill(agent.child.pid, SIGHUP)
        try await Task.sleep(for: .seconds(2))
        #expect(kill(agent.child.pid, 0) == 0, "the agent exited on a bad reload")
        #expect(await statusOK(workspace.statusPort))

        // A good one, with the status moved to another port: taken in the same process.
        let newPort = try ClosedPort.free()
        try original.replacingOccurrences(of: "127.0.0.1:\(workspace.statusPort)", with: "127.0.0.1:\(newPort)").write(to: config, atomically: true, encoding: .utf8)
        _ = kill(agent.child.pid, SIGHUP)
        let moved = await AgentProcessDuringOutageTests.eventually(within: 30) { await statusOK(newPort) }
        #expect(kill(agent.child.pid, 0) == 0, "the reload ended the process")
        let log = await agent.kill(SIGTERM)
        #expect(moved, "the new configuration was never served:\n\(log)")
        #expect(log.contains("reload refused"), "\(log)")
        #expect(log.contains("collection_interval"), "the refusal names the problem:\n\(log)")
    }
}
