import DruidWatchSources
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Serves the agent's own `/metrics` (Prometheus text) and `/healthz` (JSON) on a local
/// port, until the agent shuts down.
public final class SelfMetricsServer: Service, Sendable {
    public let host: String
    public let port: Int
    private let metrics: AgentSelfMetrics
    /// How long without a collection before `/healthz` says the agent is stalled.
    private let stallAfter: TimeInterval
    private let logger: Logger
    private let listener = HTTPServerListener()

    public init(host: String, port: Int, metrics: AgentSelfMetrics, stallAfter: TimeInterval, logger: Logger) {
        self.host = host
        self.port = port
        self.metrics = metrics
        self.stallAfter = stallAfter
        self.logger = logger
    }

    /// Binds and starts answering; returns the port (useful when asked for 0).
    @discardableResult
    public func start() async throws -> Int {
        if let bound = listener.boundPort { return bound }
        let metrics = self.metrics
        let stallAfter = self.stallAfter
        let bound = try await listener.start(host: host, port: port) {
            SelfMetricsHTTPHandler(metrics: metrics, stallAfter: stallAfter)
        }
        logger.info("self-metrics listening", metadata: ["address": "\(host):\(bound)", "paths": "/metrics /healthz"])
        return bound
    }

    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        try await stop()
    }

    public func stop() async throws {
        try await listener.stop()
    }
}

final class SelfMetricsHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: AgentSelfMetrics
    private let stallAfter: TimeInterval
    private var request: HTTPRequestHead?

    init(metrics: AgentSelfMetrics, stallAfter: TimeInterval) {
        self.metrics = metrics
        self.stallAfter = stallAfter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            request = head
        case .body:
            break // nothing here takes a body
        case .end:
            guard let head = request else { return }
            request = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let allocator = context.channel.allocator
        guard head.method == .GET || head.method == .HEAD else {
            context.writeHTTPResponse(to: head, status: .methodNotAllowed, body: allocator.buffer(string: "GET only\n"),
                                      contentType: "text/plain; charset=utf-8", extraHeaders: [("allow", "GET, HEAD")])
            return
        }
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        switch path {
        case "/metrics":
            context.writeHTTPResponse(to: head, status: .ok, body: allocator.buffer(bytes: metrics.exposition()),
                                      contentType: "text/plain; version=0.0.4; charset=utf-8")
        case "/healthz":
            let health = metrics.health(stallAfter: stallAfter)
            context.writeHTTPResponse(to: head, status: HTTPResponseStatus(statusCode: health.httpStatus), body: allocator.buffer(bytes: health.json()),
                                      contentType: "application/json")
        default:
            context.writeHTTPResponse(to: head, status: .notFound, body: allocator.buffer(string: "druidwatch serves /metrics and /healthz\n"),
                                      contentType: "text/plain; charset=utf-8")
        }
    }
}
