import DruidWatchCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The HTTP endpoint Druid's emitter posts to (`druid.emitter.http.recipientBaseUrl`).
/// A service: it listens until the agent shuts down, then stops accepting and closes.
public final class EmitterReceiver: Service, Sendable {
    public let settings: EmitterReceiverSettings
    private let intake: EmitterIntake
    private let logger: Logger
    private let budget: ByteBudget
    private let listener: HTTPServerListener

    public init(settings: EmitterReceiverSettings, intake: EmitterIntake, logger: Logger) {
        self.settings = settings
        self.intake = intake
        self.logger = logger
        self.budget = ByteBudget(limit: settings.maximumBufferedBytes)
        self.listener = HTTPServerListener(threads: settings.threads)
    }

    /// Binds and starts accepting; returns the port (useful when the settings ask for 0).
    @discardableResult
    public func start() async throws -> Int {
        if let bound = listener.boundPort { return bound }
        let intake = self.intake
        let settings = self.settings
        let budget = self.budget
        let port = try await listener.start(host: settings.host, port: settings.port) {
            EmitterHTTPHandler(intake: intake, settings: settings, budget: budget)
        }
        logger.info("Druid emitter receiver listening", metadata: ["address": "\(settings.host):\(port)"])
        return port
    }

    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        try await stop()
    }

    public func stop() async throws {
        try await listener.stop()
    }

    /// Bytes of request bodies held right now (for tests and self-metrics).
    public var bufferedBytes: Int { budget.inUse }
}
