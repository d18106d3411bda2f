import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `druidwatch` binary, for tests that run it as operators do. A test target
/// cannot depend on an executable target, so this finds it next to the test bundle
/// (`<scratch>/debug/druidwatch`, which `swift build --build-tests` builds too); nil when
/// it is not there, and the tests that need it are skipped.
public enum DruidWatchExecutable {
    public static let path: String? = {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let candidate = URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("druidwatch").path
        return access(candidate, X_OK) == 0 ? candidate : nil
    }()

    public typealias Outcome = ChildProcess.Outcome

    /// Runs it to the end.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> Outcome {
        guard let path else { throw ChildProcess.SpawnError(description: "druidwatch is not built next to the tests") }
        return try await ChildProcess.run(path, arguments, environment: environment)
    }
}

extension ChildProcess {
    public struct Outcome: Sendable {
        /// stdout and stderr together (ChildProcess joins them).
        public var output: String
        public var exitCode: Int32
    }

    /// Runs a program to the end and answers what it printed and its exit status.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Outcome {
        let child = try ChildProcess(executable: executable, arguments: arguments, environment: environment)
        let output = await child.readToEnd()
        let exitCode = await child.exitStatus()
        child.stop()
        return Outcome(output: String(decoding: output, as: UTF8.self), exitCode: exitCode)
    }

    /// Waits for the child to exit and answers its exit status (128 + the signal when a
    /// signal ended it), without reaping it, so that `stop` still reaps its own child.
    public func exitStatus() async -> Int32 {
        let pid = self.pid
        return await withCheckedContinuation { continuation in
            Thread {
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) != 0, errno == EINTR {}
                let status = info._sifields._sigchld.si_status
                continuation.resume(returning: info.si_code == CLD_EXITED ? status : 128 + status)
            }.start()
        }
    }
}
