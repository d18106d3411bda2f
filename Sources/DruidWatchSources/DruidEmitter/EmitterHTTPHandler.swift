import CompressNIO
import DruidWatchCore
import NIOCore
import NIOHTTP1

/// One connection from a Druid process. A body is buffered (within the shared budget),
/// decoded if gzip, read into the aggregate, and answered: 200 with what was kept,
/// 400 with the reason a batch could not be read, 401 without credentials, 413 when it
/// is too large, 503 when the receiver is at its memory budget (Druid keeps the batch
/// and retries).
final class EmitterHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        case receiving(HTTPRequestHead, ByteBuffer, reserved: Int)
        /// The answer is decided; the rest of the body is ignored.
        case refusing(HTTPRequestHead, HTTPResponseStatus, String, closeAfter: Bool)
    }

    private let intake: EmitterIntake
    private let settings: EmitterReceiverSettings
    private let budget: ByteBudget
    private var state = State.idle

    init(intake: EmitterIntake, settings: EmitterReceiverSettings, budget: ByteBudget) {
        self.intake = intake
        self.settings = settings
        self.budget = budget
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            begin(head, context: context)
        case var .body(chunk):
            guard case .receiving(let head, var body, let reserved) = state else { return }
            let needed = body.readableBytes + chunk.readableBytes
            if needed > settings.maximumBodyBytes {
                release(reserved)
                intake.record(.tooLarge)
                state = .refusing(head, .payloadTooLarge, "body larger than \(settings.maximumBodyBytes) bytes; lower druid.emitter.http.maxBatchSize", closeAfter: true)
                return
            }
            var held = reserved
            if needed > reserved {
                guard budget.reserve(needed - reserved) else {
                    release(reserved)
                    intake.record(.overloaded)
                    state = .refusing(head, .serviceUnavailable, "receiver is at its memory limit; retry later", closeAfter: true)
                    return
                }
                held = needed
            }
            state = .idle  // drop the stored buffer's reference so the write below does not copy
            body.writeBuffer(&chunk)
            state = .receiving(head, body, reserved: held)
        case .end:
            finish(context: context)
        }
    }

    private func begin(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        if head.method == .GET, head.uri == "/health" || head.uri == "/status/health" {
            state = .refusing(head, .ok, "true", closeAfter: false)
            return
        }
        guard head.method == .POST else {
            state = .refusing(head, .methodNotAllowed, "Druid's HTTP emitter POSTs batches here", closeAfter: false)
            return
        }
        if let credentials = settings.credentials, !credentials.accepts(authorizationHeader: head.headers.first(name: "authorization")) {
            intake.record(.unauthorized)
            state = .refusing(head, .unauthorized, "credentials required (druid.emitter.http.basicAuthentication)", closeAfter: false)
            return
        }
        let declared = head.headers.first(name: "content-length").flatMap(Int.init) ?? 0
        if declared > settings.maximumBodyBytes {
            intake.record(.tooLarge)
            state = .refusing(head, .payloadTooLarge, "body of \(declared) bytes is larger than \(settings.maximumBodyBytes); lower druid.emitter.http.maxBatchSize", closeAfter: true)
            return
        }
        guard budget.reserve(declared) else {
            intake.record(.overloaded)
            state = .refusing(head, .serviceUnavailable, "receiver is at its memory limit; retry later", closeAfter: true)
            return
        }
        state = .receiving(head, context.channel.allocator.buffer(capacity: declared), reserved: declared)
    }

    private func finish(context: ChannelHandlerContext) {
        switch state {
        case .idle:
            return
        case let .refusing(head, status, message, closeAfter):
            respond(context: context, head: head, status: status, body: message, close: closeAfter)
        case .receiving(let head, var body, let reserved):
            // Returned before answering, so that a client that has its answer sees the
            // budget free again.
            state = .idle
            release(reserved)
            let encoding = head.headers.first(name: "content-encoding")?.lowercased() ?? "identity"
            switch encoding {
            case "gzip", "x-gzip":
                do {
                    body = try body.decompress(with: .gzip(), maxSize: settings.maximumDecodedBytes, allocator: context.channel.allocator)
                } catch let error as CompressNIOError where error == .bufferOverflow {
                    intake.record(.tooLarge)
                    respond(context: context, head: head, status: .payloadTooLarge, body: "body is larger than \(settings.maximumDecodedBytes) bytes once decompressed", close: false)
                    return
                } catch {
                    intake.record(.badEncoding)
                    respond(context: context, head: head, status: .badRequest, body: "body is not valid gzip: \(error)", close: false)
                    return
                }
            case "identity":
                break
            default:
                intake.record(.badEncoding)
                respond(context: context, head: head, status: .unsupportedMediaType, body: "content encoding \(encoding) is not supported; use GZIP or none", close: false)
                return
            }
            let outcome = body.withUnsafeReadableBytes { intake.accept($0) }
            switch outcome {
            case let .accepted(report, unknown):
                let json = #"{"metrics":\#(report.metrics),"alerts":\#(report.alerts),"otherFeeds":\#(report.otherFeeds),"rejected":\#(report.rejected),"unknownMetrics":\#(unknown),"brokenOff":\#(report.malformed == nil ? "false" : "true")}"#
                respond(context: context, head: head, status: .ok, body: json, contentType: "application/json", close: false)
            case let .malformed(reason):
                respond(context: context, head: head, status: .badRequest, body: "malformed batch: \(reason)", close: false)
            }
        }
    }

    private func release(_ reserved: Int) {
        if reserved > 0 { budget.release(reserved) }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus, body: String, contentType: String = "text/plain; charset=utf-8", close: Bool) {
        state = .idle
        context.writeHTTPResponse(
            to: head, status: status, body: context.channel.allocator.buffer(string: body), contentType: contentType,
            extraHeaders: status == .unauthorized ? [("www-authenticate", #"Basic realm="druidwatch""#)] : [],
            close: close
        )
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case let .receiving(_, _, reserved) = state { release(reserved) }
        state = .idle
        context.fireChannelInactive()
    }
}
