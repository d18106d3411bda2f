import NIOCore
import NIOHTTP1

/// Answers 431 (Request Header Fields Too Large) and closes the connection when a
/// request's line and headers exceed `maximumBytes`, before any handler sees it. NIO's
/// parser alone would take up to 80 KiB of headers; Druid's emitter sends well under
/// 1 KiB, so a smaller bound costs nothing and keeps each connection's memory small.
final class RequestHeaderLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let defaultMaximumBytes = 16 * 1024

    let maximumBytes: Int
    private var refusing = false

    init(maximumBytes: Int = defaultMaximumBytes) {
        self.maximumBytes = maximumBytes
    }

    /// The request line's target and every header with its `: ` and line end.
    static func size(of head: HTTPRequestHead) -> Int {
        head.headers.reduce(head.uri.utf8.count) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            refusing = Self.size(of: head) > maximumBytes
            guard refusing else { return context.fireChannelRead(data) }
            var body = context.channel.allocator.buffer(capacity: 64)
            body.writeString("request line and headers larger than \(maximumBytes) bytes\n")
            context.writeHTTPResponse(to: head, status: .requestHeaderFieldsTooLarge, body: body, contentType: "text/plain; charset=utf-8", close: true)
        case .body, .end:
            if !refusing { context.fireChannelRead(data) }
        }
    }
}
