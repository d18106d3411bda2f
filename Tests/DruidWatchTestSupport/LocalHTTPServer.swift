import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for tests that exercise a
/// client over actual sockets: an emulated AWS endpoint, a peer that is slow (the
/// handler may sleep) or that fails (`Reply.dropConnection`).
///
/// Every request is recorded before the handler sees it. Connections are kept alive
/// as the client asks; requests on one connection are answered in order. Bodies above
/// `maximumBodyBytes` are answered 413 without calling the handler. `Expect:
/// 100-continue` is honoured. Call `shutdown()` when done (or use `with`); it cancels
/// handlers still running and closes every connection.
public final class LocalHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) async -> Reply
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    public enum StartError: Error, CustomStringConvertible {
        case noPort

        public var description: String { "the listening socket has no local port" }
    }

    public let port: Int
    public let maximumBodyBytes: Int
    private let state: State
    private let listener: any Channel
    private let acceptLoop: Task<Void, Never>

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.recordedRequests }

    public init(maximumBodyBytes: Int = 1 << 20, handler: @escaping Handler) async throws {
        let state = State(handler: handler, maximumBodyBytes: maximumBodyBytes)
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 128)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    return try Connection(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try? await server.channel.close()
            throw StartError.noPort
        }
        self.port = port
        self.maximumBodyBytes = maximumBodyBytes
        self.state = state
        self.listener = server.channel
        self.acceptLoop = Task { await Self.acceptConnections(on: server, state: state) }
    }

    deinit {
        acceptLoop.cancel()
        listener.close(promise: nil)
        for connection in state.openConnections() {
            connection.close(promise: nil)
        }
    }

    /// Runs `body` with a fresh server and shuts it down afterwards, whatever happens.
    public static func with<Result>(
        maximumBodyBytes: Int = 1 << 20,
        handler: @escaping Handler,
        _ body: (LocalHTTPServer) async throws -> Result
    ) async throws -> Result {
        let server = try await LocalHTTPServer(maximumBodyBytes: maximumBodyBytes, handler: handler)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Stops accepting, cancels running handlers, closes all connections and waits
    /// until every connection task has finished. Safe to call more than once.
    public func shutdown() async {
        acceptLoop.cancel()
        try? await listener.close()
        for connection in state.openConnections() {
            try? await connection.close()
        }
        await acceptLoop.value
    }

    public func clearRequests() {
        state.clearRecordedRequests()
    }

    // MARK: Serving

    private static func acceptConnections(on server: NIOAsyncChannel<Connection, Never>, state: State) async {
        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        let number = state.connectionOpened(connection.channel)
                        group.addTask {
                            await serve(connection, number: number, state: state)
                            state.connectionClosed(number)
                        }
                    }
                }
            } catch {
                // The listener was closed or failed; accepted connections finish on their own.
            }
        }
    }

    private static func serve(_ connection: Connection, number: Int, state: State) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var head: HTTPRequestHead?
                var body = Data()
                var bodyExceededLimit = false
                for try await part in inbound {
                    switch part {
                    case let .head(requestHead):
                        head = requestHead
                        body = Data()
                        bodyExceededLimit = false
                        if requestHead.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                            try await outbound.write(.head(HTTPResponseHead(version: requestHead.version, status: .continue)))
                        }
                    case let .body(chunk):
                        let room = state.maximumBodyBytes - body.count
                        if chunk.readableBytes > room { bodyExceededLimit = true }
                        body.append(contentsOf: chunk.readableBytesView.prefix(max(0, room)))
                    case .end:
                        guard let requestHead = head else { continue }
                        head = nil
                        let request = RecordedRequest(
                            method: requestHead.method.rawValue,
                            uri: requestHead.uri,
                            headers: requestHead.headers.map { Header($0.name, $0.value) },
                            body: body,
                            bodyExceededLimit: bodyExceededLimit,
                            connectionNumber: number
                        )
                        state.record(request)
                        let reply = bodyExceededLimit
                            ? Reply(status: 413, text: "request body exceeds \(state.maximumBodyBytes) bytes", closesConnection: true)
                            : await state.handler(request)
                        if case .dropConnection = reply.action { return }
                        let keepAlive = requestHead.isKeepAlive && !reply.closesConnection && !Task.isCancelled
                        try await outbound.write(contentsOf: responseParts(for: reply, version: requestHead.version, keepAlive: keepAlive))
                        if !keepAlive { return }
                    }
                }
            }
        } catch {
            // The peer went away or sent something that is not HTTP; nothing to answer.
        }
    }

    private static func responseParts(for reply: Reply, version: HTTPVersion, keepAlive: Bool) -> [HTTPServerResponsePart] {
        var headers = HTTPHeaders(reply.headers.map { ($0.name, $0.value) })
        if !headers.contains(name: "content-length") {
            headers.add(name: "content-length", value: String(reply.body.count))
        }
        if !keepAlive {
            headers.replaceOrAdd(name: "connection", value: "close")
        } else if version == .http1_0 {
            headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers)
        var parts: [HTTPServerResponsePart] = [.head(head)]
        if !reply.body.isEmpty {
            parts.append(.body(.byteBuffer(ByteBuffer(bytes: reply.body))))
        }
        parts.append(.end(nil))
        return parts
    }
}

extension LocalHTTPServer {
    /// What the accept loop and connection tasks share: the handler, the record, and the
    /// open connections (so that shutdown can close idle keep-alive ones).
    final class State: Sendable {
        let handler: Handler
        let maximumBodyBytes: Int
        private let recorded = Mutex<[RecordedRequest]>([])
        private let connections = Mutex<Connections>(Connections())

        private struct Connections {
            var lastNumber = 0
            var open: [Int: any Channel] = [:]
        }

        init(handler: @escaping Handler, maximumBodyBytes: Int) {
            self.handler = handler
            self.maximumBodyBytes = max(0, maximumBodyBytes)
        }

        var recordedRequests: [RecordedRequest] {
            recorded.withLock { $0 }
        }

        func record(_ request: RecordedRequest) {
            recorded.withLock { $0.append(request) }
        }

        func clearRecordedRequests() {
            recorded.withLock { $0.removeAll() }
        }

        func connectionOpened(_ channel: any Channel) -> Int {
            connections.withLock { connections in
                connections.lastNumber += 1
                connections.open[connections.lastNumber] = channel
                return connections.lastNumber
            }
        }

        func connectionClosed(_ number: Int) {
            _ = connections.withLock { $0.open.removeValue(forKey: number) }
        }

        func openConnections() -> [any Channel] {
            connections.withLock { Array($0.open.values) }
        }
    }
}
