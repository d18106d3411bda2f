import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// An HTTP/1.1 server socket whose every connection gets a fresh handler behind NIO's
/// server pipeline (keep-alive, pipelining, malformed-request answers) and a bound on
/// request headers (``RequestHeaderLimit``), with the event loop threads it runs on: the
/// part the agent's and the evaluator's HTTP services share.
public final class HTTPServerListener: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel = Mutex<(any Channel)?>(nil)

    public init(threads: Int = 1) {
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
    }

    /// The port listened on, once started.
    public var boundPort: Int? { channel.withLock { $0 }?.localAddress?.port }

    /// Binds and starts accepting; answers the port (useful when asked for 0).
    public func start<Handler: ChannelHandler>(
        host: String,
        port: Int,
        makeHandler: @escaping @Sendable () -> Handler
    ) async throws -> Int {
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(RequestHeaderLimit())
                    try channel.pipeline.syncOperations.addHandler(makeHandler())
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port)
            .get()
        channel.withLock { $0 = server }
        return server.localAddress?.port ?? port
    }

    /// Stops accepting, closes the socket and ends the event loop threads.
    public func stop() async throws {
        let server = channel.withLock { current in
            defer { current = nil }
            return current
        }
        try? await server?.close()
        try await group.shutdownGracefully()
    }
}

extension ChannelHandlerContext {
    /// Writes a whole response with its length, and closes the connection afterwards
    /// unless both sides keep it alive.
    public func writeHTTPResponse(
        to request: HTTPRequestHead,
        status: HTTPResponseStatus,
        body: ByteBuffer,
        contentType: String,
        extraHeaders: [(String, String)] = [],
        close: Bool = false
    ) {
        let keepAlive = request.isKeepAlive && !close
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: contentType)
        headers.add(name: "content-length", value: "\(body.readableBytes)")
        headers.add(name: "connection", value: keepAlive ? "keep-alive" : "close")
        for (name, value) in extraHeaders { headers.add(name: name, value: value) }
        write(NIOAny(HTTPServerResponsePart.head(HTTPResponseHead(version: request.version, status: status, headers: headers))), promise: nil)
        if request.method != .HEAD {
            write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(body))), promise: nil)
        }
        let promise = eventLoop.makePromise(of: Void.self)
        writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: promise)
        if !keepAlive {
            promise.futureResult.whenComplete { [channel] _ in channel.close(promise: nil) }
        }
    }
}
