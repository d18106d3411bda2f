import Foundation
import DruidWatchCore
import DruidWatchSources
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization

/// The evaluator's endpoint for the agents' direct feed (`direct_feed.listen`): a POST
/// with `Authorization: Bearer <token>` and a `DirectFeedBatch` is answered 202 once
/// queued for the next cycle, 401 without the token, 413 over the body bound, 400 when it
/// cannot be read, 503 when the queue is full (the datums still reach CloudWatch).
public final class DirectFeedReceiver: Service, Sendable {
    public struct Settings: Sendable {
        public var host: String
        public var port: Int
        public var token: DirectFeedToken
        public var maximumBodyBytes: Int
        public var threads: Int

        public init(host: String = "0.0.0.0", port: Int = 8788, token: DirectFeedToken, maximumBodyBytes: Int = DirectFeedBatch.maximumBytes, threads: Int = 1) {
            self.host = host
            self.port = port
            self.token = token
            self.maximumBodyBytes = min(max(1024, maximumBodyBytes), DirectFeedBatch.maximumBytes)
            self.threads = threads
        }
    }

    /// What the receiver answered, for the log and tests.
    public struct Counters: Sendable, Hashable {
        public var accepted = 0
        public var unauthorized = 0
        public var tooLarge = 0
        public var malformed = 0
        public var overloaded = 0
        public var skippedDatums = 0
    }

    public let settings: Settings
    private let consumer: any DirectFeedConsumer
    private let logger: Logger
    private let listener: HTTPServerListener
    private let counters = Mutex(Counters())

    public init(settings: Settings, consumer: any DirectFeedConsumer, logger: Logger) {
        self.settings = settings
        self.consumer = consumer
        self.logger = logger
        self.listener = HTTPServerListener(threads: settings.threads)
    }

    public var statistics: Counters { counters.withLock { $0 } }

    /// Binds and starts accepting; returns the port (useful when the settings ask for 0).
    @discardableResult
    public func start() async throws -> Int {
        if let bound = listener.boundPort { return bound }
        let port = try await listener.start(host: settings.host, port: settings.port) { [self] in
            DirectFeedHTTPHandler(receiver: self)
        }
        logger.info("direct feed listening", metadata: ["address": "\(settings.host):\(port)"])
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

    func count(_ update: (inout Counters) -> Void) {
        counters.withLock { update(&$0) }
    }

    /// Decides the answer to a whole body.
    func answer(_ body: ByteBuffer) -> (HTTPResponseStatus, String) {
        let decoded: DirectFeedDecoded
        do {
            decoded = try DirectFeedBatch.decode(Data(body.readableBytesView))
        } catch {
            if case .tooLarge = error {
                count { $0.tooLarge += 1 }
                return (.payloadTooLarge, error.description)
            }
            count { $0.malformed += 1 }
            logger.warning("direct feed post refused", metadata: ["error": "\(error)"])
            return (.badRequest, error.description)
        }
        if decoded.skipped > 0 {
            logger.warning("direct feed datums skipped", metadata: ["count": "\(decoded.skipped)", "reasons": "\(decoded.skipReasons.joined(separator: "; "))"])
        }
        guard consumer.ingest(decoded.batch) else {
            count { $0.overloaded += 1 }
            return (.serviceUnavailable, "the evaluator's feed queue is full; retry later")
        }
        count {
            $0.accepted += 1
            $0.skippedDatums += decoded.skipped
        }
        let reasons = decoded.skipReasons.map { "\"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
        return (.accepted, #"{"accepted":\#(decoded.batch.datums.count),"skipped":\#(decoded.skipped),"reasons":[\#(reasons.joined(separator: ","))]}"#)
    }
}

/// One connection from an agent: the body is buffered within the bound, then decoded
/// and queued.
final class DirectFeedHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer)
        case refusing(HTTPRequestHead, HTTPResponseStatus, String, closeAfter: Bool)
    }

    private let receiver: DirectFeedReceiver
    private var state = State.idle

    init(receiver: DirectFeedReceiver) {
        self.receiver = receiver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let limit = receiver.settings.maximumBodyBytes
        switch unwrapInboundIn(data) {
        case let .head(head):
            guard head.method == .POST else {
                state = .refusing(head, .methodNotAllowed, "agents POST direct feed batches here", closeAfter: false)
                return
            }
            guard receiver.settings.token.accepts(authorizationHeader: head.headers.first(name: "authorization")) else {
                receiver.count { $0.unauthorized += 1 }
                state = .refusing(head, .unauthorized, "a bearer token is required (direct_feed.token_file)", closeAfter: false)
                return
            }
            let declared = head.headers.first(name: "content-length").flatMap(Int.init) ?? 0
            if declared > limit {
                receiver.count { $0.tooLarge += 1 }
                state = .refusing(head, .payloadTooLarge, "body of \(declared) bytes is larger than \(limit)", closeAfter: true)
                return
            }
            state = .receiving(head, context.channel.allocator.buffer(capacity: declared))
        case var .body(chunk):
            guard case .receiving(let head, var body) = state else { return }
            if body.readableBytes + chunk.readableBytes > limit {
                receiver.count { $0.tooLarge += 1 }
                state = .refusing(head, .payloadTooLarge, "body larger than \(limit) bytes", closeAfter: true)
                return
            }
            state = .idle
            body.writeBuffer(&chunk)
            state = .receiving(head, body)
        case .end:
            switch state {
            case .idle:
                return
            case let .refusing(head, status, message, closeAfter):
                respond(context: context, head: head, status: status, body: message, close: closeAfter)
            case let .receiving(head, body):
                state = .idle
                let (status, message) = receiver.answer(body)
                respond(context: context, head: head, status: status, body: message, json: status == .accepted, close: false)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, body: String, json: Bool = false, close: Bool) {
        state = .idle
        context.writeHTTPResponse(
            to: head, status: status, body: context.channel.allocator.buffer(string: body),
            contentType: json ? "application/json" : "text/plain; charset=utf-8",
            extraHeaders: status == .unauthorized ? [("www-authenticate", #"Bearer realm="druidwatch""#)] : [],
            close: close
        )
    }

    func channelInactive(context: ChannelHandlerContext) {
        state = .idle
        context.fireChannelInactive()
    }
}
