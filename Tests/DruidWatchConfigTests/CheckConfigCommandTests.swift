import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `druidwatch check-config`. The test target cannot depend on an
/// executable target, so this finds the binary next to the test bundle
/// (`<scratch>/debug/druidwatch`, which `swift build --build-tests` builds too) and is
/// skipped when it is not there.
@Suite("druidwatch check-config")
struct CheckConfigCommandTests {
    static let binary: String? = {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("druidwatch").path
        return access(candidate, X_OK) == 0 ? candidate : nil
    }()

    struct Outcome {
        /// stdout and stderr together (ChildProcess joins them).
        var output: String
        var exitCode: Int32
    }

    static func run(_ arguments: [String]) async throws -> Outcome {
        let child = try ChildProcess(executable: try #require(binary), arguments: arguments)
        let output = await child.readToEnd()
        // The output closes when the child exits; wait for its status without reaping it
        // (WNOWAIT), so that ChildProcess.stop still reaps its own child.
        let pid = child.pid
        let exitCode: Int32 = await withCheckedContinuation { continuation in
            Thread {
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
                let status = info._sifields._sigchld.si_status
                continuation.resume(returning: info.si_code == CLD_EXITED ? status : 128 + status)
            }.start()
        }
        child.stop()
        return Outcome(output: String(decoding: output, as: UTF8.self), exitCode: exitCode)
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
