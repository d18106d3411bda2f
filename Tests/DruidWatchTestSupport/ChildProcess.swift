import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process for the tests (moto_server, a real peer), started with posix_spawn.
/// Foundation's `Process.waitUntilExit` spins a run loop and can hang when called from
/// a Swift concurrency thread on Linux, so this keeps to plain spawn, read, kill, waitpid.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `lock`.
    public let pid: pid_t
    private let stdoutRead: Int32
    private let stdinWrite: Int32
    private let lock = NSLock()
    private var exited = false

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `executable` with `arguments`; its stdout and stderr both come back through
    /// `readAvailable`, and its stdin stays open until `stop` (so a child can watch for
    /// its parent going away by seeing stdin close).
    public init(executable: String, arguments: [String], environment: [String: String]? = nil) throws {
        var outputPipe: [Int32] = [0, 0]
        var inputPipe: [Int32] = [0, 0]
        guard pipe(&outputPipe) == 0, pipe(&inputPipe) == 0 else {
            throw SpawnError(description: "pipe failed: \(String(cString: strerror(errno)))")
        }
        // Other children spawned meanwhile must not inherit these ends.
        for descriptor in outputPipe + inputPipe {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 2)

        let argv = [executable] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = env.map { strdup($0) } + [nil]
        defer {
            cArguments.forEach { free($0) }
            cEnvironment.forEach { free($0) }
        }
        var childPid: pid_t = 0
        let status = posix_spawn(&childPid, executable, &actions, nil, &cArguments, &cEnvironment)
        close(outputPipe[1])
        close(inputPipe[0])
        guard status == 0 else {
            close(outputPipe[0])
            close(inputPipe[1])
            throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = childPid
        stdoutRead = outputPipe[0]
        stdinWrite = inputPipe[1]
    }

    /// Reads what the child has written, blocking until something comes or it closes
    /// its output (then returns empty).
    public func readAvailable() -> Data {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(stdoutRead, &buffer, buffer.count)
            if count > 0 { return Data(buffer[0..<count]) }
            if count < 0, errno == EINTR { continue }
            return Data()
        }
    }

    /// Everything the child writes until it closes its output, read on a thread of its
    /// own so that no cooperative-pool thread blocks.
    public func readToEnd() async -> Data {
        await withCheckedContinuation { continuation in
            Thread {
                var output = Data()
                while true {
                    let chunk = self.readAvailable()
                    if chunk.isEmpty { break }
                    output.append(chunk)
                }
                continuation.resume(returning: output)
            }.start()
        }
    }

    /// Sends SIGTERM and returns; a thread of its own waits up to `grace` for the exit,
    /// then sends SIGKILL, and always reaps, so that no caller (often a cooperative-pool
    /// thread) blocks on a slow child.
    public func stop(grace: TimeInterval = 5) {
        lock.lock()
        defer { lock.unlock() }
        guard !exited else { return }
        exited = true
        kill(pid, SIGTERM)
        close(stdinWrite)
        let pid = self.pid
        let output = stdoutRead
        Thread {
            let deadline = Date().addingTimeInterval(grace)
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                if Date() > deadline {
                    kill(pid, SIGKILL)
                    _ = waitpid(pid, &status, 0)
                    break
                }
                usleep(20_000)
            }
            close(output)
        }.start()
    }

    deinit {
        stop()
    }
}
