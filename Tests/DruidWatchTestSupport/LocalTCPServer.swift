import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A raw TCP server on 127.0.0.1 and an ephemeral port that plays a ZooKeeper client
/// port for four-letter words: it reads the word, then answers and closes, or stays
/// silent (for timeouts). What each connection sent first is recorded.
public final class LocalTCPServer: Sendable {
    public enum Behavior: Sendable {
        /// Reads the first four bytes (a four-letter word), writes `reply` and closes.
        case answer(Data)
        /// Reads and never answers, until the client or `shutdown` closes the connection.
        case silent
    }

    typealias Connection = NIOAsyncChannel<ByteBuffer, ByteBuffer>

    public let port: Int
    private let listener: any Channel
    private let acceptLoop: Task<Void, Never>
    private let state: State

    /// What each connection sent before the server answered, in arrival order.
    public var received: [Data] { state.received.withLock { $0 } }

    public init(_ behavior: Behavior) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Connection(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try? await server.channel.close()
            throw LocalHTTPServer.StartError.noPort
        }
        let state = State()
        self.port = port
        self.state = state
        self.listener = server.channel
        self.acceptLoop = Task { await Self.acceptConnections(on: server, behavior: behavior, state: state) }
    }

    deinit {
        acceptLoop.cancel()
        listener.close(promise: nil)
        for connection in state.open.withLock({ Array($0.values) }) {
            connection.close(promise: nil)
        }
    }

    /// Runs `body` with a fresh server and shuts it down afterwards, whatever happens.
    @discardableResult
    public static func with<Result>(_ behavior: Behavior, _ body: (LocalTCPServer) async throws -> Result) async throws -> Result {
        let server = try await LocalTCPServer(behavior)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    public func shutdown() async {
        acceptLoop.cancel()
        try? await listener.close()
        for connection in state.open.withLock({ Array($0.values) }) {
            try? await connection.close()
        }
        await acceptLoop.value
    }

    private static func acceptConnections(on server: NIOAsyncChannel<Connection, Never>, behavior: Behavior, state: State) async {
        await withDiscardingTaskGroup { group in
            do {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        let number = state.opened(connection.channel)
                        group.addTask {
                            await serve(connection, behavior: behavior, state: state)
                            _ = state.open.withLock { $0.removeValue(forKey: number) }
                        }
                    }
                }
            } catch {
                // The listener was closed; accepted connections finish on their own.
            }
        }
    }

    private static func serve(_ connection: Connection, behavior: Behavior, state: State) async {
        do {
            try await connection.executeThenClose { inbound, outbound in
                var chunks = inbound.makeAsyncIterator()
                var word = Data()
                while word.count < 4, let chunk = try await chunks.next() {
                    word.append(contentsOf: chunk.readableBytesView)
                }
                state.received.withLock { $0.append(word) }
                switch behavior {
                case let .answer(reply):
                    try await outbound.write(ByteBuffer(bytes: reply))
                case .silent:
                    while try await chunks.next() != nil {}
                }
            }
        } catch {
            // The client went away first; nothing to do.
        }
    }

    final class State: Sendable {
        let received = Mutex<[Data]>([])
        let open = Mutex<[Int: any Channel]>([:])
        private let lastNumber = Mutex<Int>(0)

        func opened(_ channel: any Channel) -> Int {
            let number = lastNumber.withLock { number in
                number += 1
                return number
            }
            open.withLock { $0[number] = channel }
            return number
        }
    }
}
