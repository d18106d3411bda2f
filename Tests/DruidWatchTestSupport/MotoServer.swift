import Foundation

/// A real `moto_server` (the AWS emulator) on 127.0.0.1, started and stopped by the
/// tests themselves. It runs from the repository's `.venv` (made by `make test`), or
/// from the Python named by `DRUIDWATCH_TEST_PYTHON`.
public final class MotoServer: Sendable {
    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let process: ChildProcess

    private init(process: ChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    public enum LaunchError: Error, CustomStringConvertible {
        case pythonMissing(String)
        case didNotStart(String)

        public var description: String {
            switch self {
            case let .pythonMissing(path): "no Python with moto at \(path): run `make test` (it creates .venv with moto[server])"
            case let .didNotStart(output): "moto_server did not start: \(output)"
            }
        }
    }

    public static var python: String {
        if let configured = ProcessInfo.processInfo.environment["DRUIDWATCH_TEST_PYTHON"], !configured.isEmpty {
            return configured
        }
        return Fixtures.repositoryRoot.appendingPathComponent(".venv/bin/python").path
    }

    /// Starts the emulator; the blocking wait for its port runs on a thread of its own,
    /// never on Swift's cooperative pool, which other tests share.
    public static func start() async throws -> MotoServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try startBlocking() })
            }.start()
        }
    }

    private static func startBlocking() throws -> MotoServer {
        let python = Self.python
        guard FileManager.default.isExecutableFile(atPath: python) else { throw LaunchError.pythonMissing(python) }
        let process = try ChildProcess(executable: python, arguments: [
            Fixtures.repositoryRoot.appendingPathComponent("scripts/moto_launcher.py").path,
            "--exit-on-stdin-close",
        ])
        // The launcher prints "PORT n" when ready; anything before it is an error text.
        var collected = Data()
        while true {
            let chunk = process.readAvailable()
            if chunk.isEmpty { break }
            collected.append(chunk)
            let text = String(decoding: collected, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PORT ") }),
               let port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) {
                return MotoServer(process: process, port: port)
            }
        }
        process.stop()
        throw LaunchError.didNotStart(String(decoding: collected, as: UTF8.self))
    }

    public func stop() {
        process.stop()
    }

    /// Runs `body` with a fresh emulator and stops it afterwards, whatever happens.
    public static func with<T>(_ body: (MotoServer) async throws -> T) async throws -> T {
        let server = try await start()
        defer { server.stop() }
        return try await body(server)
    }
}
