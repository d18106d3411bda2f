import NIOCore
import NIOHTTP1
import NIOPosix

/// Binds an HTTP/1.1 server socket whose every connection gets a fresh `makeHandler()`
/// behind NIO's server pipeline (keep-alive, pipelining, malformed-request answers).
public enum HTTPServerListener {
    public static func bind<Handler: ChannelHandler>(
        group: MultiThreadedEventLoopGroup,
        host: String,
        port: Int,
        makeHandler: @escaping @Sendable () -> Handler
    ) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(makeHandler())
                }
            }
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: host, port: port)
            .get()
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
