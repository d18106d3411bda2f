import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real ZooKeeper server from Debian's `zookeeper` package, started and stopped by
/// the tests themselves: its own temporary data directory, its client port and
/// AdminServer on free loopback ports, every four-letter word allowed unless told
/// otherwise.
///
/// It runs `QuorumPeerMain` with java directly rather than through zkServer.sh, whose
/// Debian environment file points at /etc/zookeeper and /var/log/zookeeper. The class
/// path adds the servlet API, which Debian's package leaves out: without it ZooKeeper
/// 3.8 logs "Unable to load jetty" and starts no AdminServer.
public final class ZooKeeperTestServer: Sendable {
    public static let serverJar = "/usr/share/java/zookeeper.jar"
    static let classPath = [serverJar, "/usr/share/java/servlet-api.jar", "/usr/share/java/slf4j-simple.jar"]

    public static var java: String? {
        var candidates: [String] = []
        if let home = ProcessInfo.processInfo.environment["JAVA_HOME"], !home.isEmpty {
            candidates.append(home + "/bin/java")
        }
        candidates.append("/usr/bin/java")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Whether the tests can run here: the package's server jar and a java to run it.
    public static var isInstalled: Bool {
        FileManager.default.fileExists(atPath: serverJar) && java != nil
    }

    public let clientPort: Int
    public let adminPort: Int
    public var adminURL: String { "http://127.0.0.1:\(adminPort)/commands/monitor" }

    private let process: ChildProcess
    private let directory: URL

    public enum LaunchError: Error, CustomStringConvertible {
        case notInstalled
        case didNotStart(String)
        case didNotStop(port: Int)

        public var description: String {
            switch self {
            case .notInstalled: "ZooKeeper is not installed: apt-get install zookeeper (make system-packages does it)"
            case let .didNotStart(output): "ZooKeeper did not start: \(output)"
            case let .didNotStop(port): "ZooKeeper still accepts connections on port \(port) after being stopped"
            }
        }
    }

    private init(process: ChildProcess, directory: URL, clientPort: Int, adminPort: Int) {
        self.process = process
        self.directory = directory
        self.clientPort = clientPort
        self.adminPort = adminPort
    }

    /// Starts a server and waits until its client port answers `ruok` and its
    /// AdminServer accepts connections.
    ///
    /// - Parameters:
    ///   - fourLetterWords: the `4lw.commands.whitelist`.
    ///   - withoutQuorum: configures the server as one member of a three-server
    ///     ensemble whose other two members never come, so that it runs but never
    ///     serves, as a member cut off from its quorum does.
    public static func start(fourLetterWords: String = "*", withoutQuorum: Bool = false) async throws -> ZooKeeperTestServer {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try startBlocking(fourLetterWords: fourLetterWords, withoutQuorum: withoutQuorum) })
            }.start()
        }
    }

    private static func startBlocking(fourLetterWords: String, withoutQuorum: Bool) throws -> ZooKeeperTestServer {
        guard isInstalled, let java else { throw LaunchError.notInstalled }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-zookeeper-\(UUID().uuidString)")
        let dataDirectory = directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)

        let clientPort = try ClosedPort.free()
        let adminPort = try ClosedPort.free()
        var configuration = [
            "tickTime=500",
            "initLimit=10",
            "syncLimit=5",
            "dataDir=\(dataDirectory.path)",
            "clientPort=\(clientPort)",
            "clientPortAddress=127.0.0.1",
            "admin.serverAddress=127.0.0.1",
            "admin.serverPort=\(adminPort)",
            "4lw.commands.whitelist=\(fourLetterWords)",
        ]
        if withoutQuorum {
            try "1\n".write(to: dataDirectory.appendingPathComponent("myid"), atomically: true, encoding: .utf8)
            for member in 1...3 {
                configuration.append("server.\(member)=127.0.0.1:\(try ClosedPort.free()):\(try ClosedPort.free())")
            }
        }
        let configurationFile = directory.appendingPathComponent("zoo.cfg")
        try (configuration.joined(separator: "\n") + "\n").write(to: configurationFile, atomically: true, encoding: .utf8)

        // The log goes to a file: nobody reads the child's pipe after the start, and a
        // full pipe would stall the JVM (a member without quorum logs a lot).
        let logFile = directory.appendingPathComponent("zookeeper.log")
        let process = try ChildProcess(executable: java, arguments: [
            "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.logFile=\(logFile.path)",
            "-cp", classPath.joined(separator: ":"),
            "org.apache.zookeeper.server.quorum.QuorumPeerMain", configurationFile.path,
        ])
        let server = ZooKeeperTestServer(process: process, directory: directory, clientPort: clientPort, adminPort: adminPort)

        // Ready is the AdminServer's `ruok` without error: it requires a running server,
        // unlike the four-letter `ruok` (which answers while the server still starts)
        // and `monitor` (which answers with a state but no figures then). A member
        // without quorum never runs: for it, any answer of both ports will do.
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline {
            if let answer = fourLetterWord("ruok", port: clientPort), !answer.isEmpty,
               let ruok = get("/commands/ruok", port: adminPort),
               withoutQuorum ? ruok.contains("\"command\"") : ruok.contains("\"error\" : null") {
                return server
            }
            usleep(200_000)
        }
        let log = server.recentLog
        process.stop()
        try? FileManager.default.removeItem(at: directory)
        throw LaunchError.didNotStart("not ready within 90 s; its log ends: \(log)")
    }

    /// Stops the server and waits (on a thread of its own) until its ports refuse
    /// connections, so that what follows sees it gone; then removes its data.
    public func stop() async throws {
        process.stop()
        let (clientPort, adminPort, directory) = (self.clientPort, self.adminPort, self.directory)
        let stopped: Bool = await withCheckedContinuation { continuation in
            Thread {
                let deadline = Date().addingTimeInterval(30)
                var gone = false
                while Date() < deadline {
                    if !Self.canConnect(port: clientPort), !Self.canConnect(port: adminPort) {
                        gone = true
                        break
                    }
                    usleep(100_000)
                }
                try? FileManager.default.removeItem(at: directory)
                continuation.resume(returning: gone)
            }.start()
        }
        if !stopped { throw LaunchError.didNotStop(port: clientPort) }
    }

    /// Runs `body` with a fresh server and stops it afterwards, whatever happens.
    @discardableResult
    public static func with<T>(
        fourLetterWords: String = "*", withoutQuorum: Bool = false, _ body: (ZooKeeperTestServer) async throws -> T
    ) async throws -> T {
        let server = try await start(fourLetterWords: fourLetterWords, withoutQuorum: withoutQuorum)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// The end of the server's log, for a failing test's message.
    public var recentLog: String {
        let data = FileManager.default.contents(atPath: directory.appendingPathComponent("zookeeper.log").path) ?? Data()
        return String(decoding: data.suffix(4096), as: UTF8.self)
    }

    deinit {
        process.stop()
    }

    // MARK: Blocking probes, for the launcher's own threads

    static func canConnect(port: Int) -> Bool {
        guard let descriptor = connectLoopback(port: port) else { return false }
        close(descriptor)
        return true
    }

    static func fourLetterWord(_ word: String, port: Int) -> Data? {
        exchange(Array(word.utf8), port: port)
    }

    /// An HTTP/1.0 GET, so that the server closes the connection after its answer.
    static func get(_ path: String, port: Int) -> String? {
        exchange(Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8), port: port).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Sends `bytes` and reads until the server closes (or 2 s pass without data).
    private static func exchange(_ bytes: [UInt8], port: Int) -> Data? {
        guard let descriptor = connectLoopback(port: port) else { return nil }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return nil }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer.append(contentsOf: buffer[0..<count])
        }
        return answer
    }

    private static func connectLoopback(port: Int) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if connected { return descriptor }
        close(descriptor)
        return nil
    }
}
