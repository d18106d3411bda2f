import DruidWatchTestSupport
import Foundation
import Testing

/// Runs the built `druidwatch check-config` (skipped when it is not built next to the tests).
@Suite("druidwatch check-config")
struct CheckConfigCommandTests {
    static let binary = DruidWatchExecutable.path

    static func run(_ arguments: [String]) async throws -> DruidWatchExecutable.Outcome {
        try await DruidWatchExecutable.run(arguments)
    }

    @Test("A broken file: every problem on stderr as FILE:LINE: FIELD: REASON, exit status 1",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func brokenFile() async throws {
        let path = Fixtures.url("config/broken.yaml").path
        let outcome = try await Self.run(["check-config", path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.output == ConfigFileTests.brokenProblems(path: path).joined(separator: "\n") + "\n")
    }

    @Test("A missing file: one line naming it, exit status 1",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func missingFile() async throws {
        let path = "/nonexistent/druidwatch/agent.yaml"
        let outcome = try await Self.run(["check-config", path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.hasPrefix("\(path): (file): cannot read: "))
        #expect(outcome.output.filter { $0 == "\n" }.count == 1)
    }

    @Test("The shipped example passes with exit status 0",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func exampleFile() async throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/agent.yaml").path
        let outcome = try await Self.run(["check-config", path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.output == "\(path): OK (namespace Druid, period 60.0 seconds, collection every 10.0 seconds)\n")
    }
}
