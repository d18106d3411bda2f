import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import Synchronization

/// ZooKeeper's own statistics, from the AdminServer's `/commands/monitor` (JSON over
/// HTTP, on by default since 3.5, port 8080) or, when that is disabled, unreachable or
/// unusable, from the `mntr` four-letter word on the client port (which needs
/// `4lw.commands.whitelist=mntr` or `*` since 3.5.3). The AdminServer comes first
/// because it needs no whitelist change; `mntr` is the fallback because the AdminServer
/// is often turned off for its port clash with other services on 8080, and because some
/// packagings ship without it (Debian's 3.8 lacks the servlet API on its class path).
///
/// Never throws: a server that cannot be read or is outside a quorum yields
/// `zookeeper/serving 0`, which is what an alarm needs to see.
public final class ZooKeeperSource: MetricSource {
    public struct Options: Sendable {
        /// Where `mntr` goes: the host and client port.
        public var host: String
        public var clientPort: Int
        /// The AdminServer's monitor command; nil to use `mntr` only.
        public var adminURL: String?
        public var connectTimeout: Duration
        /// For the answer once connected, on either path.
        public var responseTimeout: Duration
        /// Answers above this are abandoned. A 3.8 server prints ~18 KB, plus five
        /// lines per top-level znode for its per-namespace figures.
        public var maximumResponseBytes: Int
        public var logger: Logger

        public init(
            host: String = "127.0.0.1",
            clientPort: Int = 2181,
            adminURL: String? = "http://127.0.0.1:8080/commands/monitor",
            connectTimeout: Duration = .seconds(2),
            responseTimeout: Duration = .seconds(5),
            maximumResponseBytes: Int = 4 << 20,
            logger: Logger = Logger(label: "druidwatch.source.zookeeper")
        ) {
            self.host = host
            self.clientPort = clientPort
            self.adminURL = adminURL
            self.connectTimeout = connectTimeout
            self.responseTimeout = responseTimeout
            self.maximumResponseBytes = maximumResponseBytes
            self.logger = logger
        }
    }

    public let name = "zookeeper"
    public let options: Options
    private let httpClient: any HTTPClient
    private let fourLetterWords: FourLetterWordClient
    private let memory = Mutex<Memory>(Memory())

    /// What one collection leaves for the next: the last statistics (for the counter
    /// deltas) and the path that answered (to log only when it changes).
    private struct Memory {
        var previous: ZooKeeperStats?
        var lastPath: String?
    }

    /// `httpClient` performs the AdminServer request; the agent's one `CurlHTTPClient`.
    public init(options: Options = Options(), httpClient: any HTTPClient) {
        self.options = options
        self.httpClient = httpClient
        self.fourLetterWords = FourLetterWordClient(
            host: options.host,
            port: options.clientPort,
            connectTimeout: options.connectTimeout,
            responseTimeout: options.responseTimeout,
            maximumResponseBytes: options.maximumResponseBytes
        )
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        let reading = await read()
        let current = reading.stats
        let (previous, pathChanged) = memory.withLock { memory in
            defer {
                // Kept across an outage: counters that did not reset meanwhile still
                // give the right total for the longer interval.
                if let current { memory.previous = current }
                memory.lastPath = reading.path
            }
            return (memory.previous, memory.lastPath != reading.path)
        }
        log(reading, changed: pathChanged)
        return ZooKeeperMetrics.samples(previous: previous, current: current, timestamp: timestamp)
    }

    /// One attempt: the AdminServer if configured, then `mntr` unless the AdminServer
    /// has already shown that the server is not serving (or still starting).
    public func read() async -> ZooKeeperReading {
        var adminServerProblem: String?
        if let adminURL = options.adminURL {
            switch await readAdminServer(adminURL) {
            case let .success(stats): return .adminServer(stats)
            case let .failure(problem):
                if let reason = problem.notServingReason { return .notServing(reason) }
                adminServerProblem = "AdminServer \(adminURL): \(problem)"
            }
        }
        switch await readMntr() {
        case let .success(stats):
            return .mntr(stats, adminServerProblem: adminServerProblem)
        case let .failure(problem):
            if let reason = problem.notServingReason { return .notServing(reason) }
            let mntrProblem = "mntr on \(endpoint): \(problem)"
            return .unavailable([adminServerProblem, mntrProblem].compactMap { $0 }.joined(separator: "; "))
        }
    }

    private var endpoint: String { fourLetterWords.endpoint }

    private enum Problem: Error, CustomStringConvertible {
        case transport(String)
        case answered(ZooKeeperParseError, httpStatus: Int? = nil)

        var description: String {
            switch self {
            case let .transport(message): message
            case let .answered(error, status?): "HTTP \(status): \(error)"
            case let .answered(error, nil): error.description
            }
        }

        var notServingReason: String? {
            if case let .answered(error, _) = self { return error.notServingReason }
            return nil
        }
    }

    private func readAdminServer(_ url: String) async -> Result<ZooKeeperStats, Problem> {
        let request = HTTPRequest(
            method: .get,
            url: url,
            headers: [HTTPHeader("Accept", "application/json")],
            connectTimeout: options.connectTimeout,
            totalTimeout: options.connectTimeout + options.responseTimeout,
            maximumResponseBytes: options.maximumResponseBytes
        )
        let response: HTTPResponse
        do {
            response = try await httpClient.execute(request)
        } catch {
            return .failure(.transport(error.description))
        }
        // The body decides, not the status: servers outside a quorum answer `monitor`
        // with a 500 (3.8) or with JSON carrying the "not serving" error.
        do {
            return .success(try MonitorJSONParser.parse(response.body))
        } catch {
            return .failure(.answered(error, httpStatus: response.status))
        }
    }

    private func readMntr() async -> Result<ZooKeeperStats, Problem> {
        let answer: Data
        do {
            answer = try await fourLetterWords.send("mntr")
        } catch {
            return .failure(.transport(error.description))
        }
        do {
            return .success(try MntrParser.parse(answer))
        } catch {
            return .failure(.answered(error))
        }
    }

    /// Changes of path are logged once at info or warning level; a reading like the
    /// previous one only at debug level, so that an outage does not fill the journal.
    private func log(_ reading: ZooKeeperReading, changed: Bool) {
        let logger = options.logger
        switch reading {
        case .adminServer:
            logger.log(level: changed ? .info : .debug, "reading ZooKeeper through its AdminServer")
        case let .mntr(_, problem):
            var metadata: Logger.Metadata = ["endpoint": "\(endpoint)"]
            if let problem { metadata["adminserver_problem"] = "\(problem)" }
            logger.log(level: changed ? .info : .debug, "reading ZooKeeper through mntr", metadata: metadata)
        case let .notServing(message):
            logger.log(level: changed ? .warning : .debug, "ZooKeeper is not serving", metadata: ["message": "\(message)"])
        case let .unavailable(reason):
            logger.log(level: changed ? .warning : .debug, "ZooKeeper cannot be read", metadata: ["reason": "\(reason)"])
        }
        if let stats = reading.stats, stats.skippedEntries > 0 {
            logger.debug("ZooKeeper entries skipped", metadata: [
                "count": "\(stats.skippedEntries)",
                "first": "\(stats.skipNotes.joined(separator: "; "))",
            ])
        }
    }
}
