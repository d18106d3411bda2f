import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing

/// The four-letter-word client against real sockets on loopback.
@Suite struct ZooKeeperFourLetterWordClientTests {
    /// Generous defaults: the fake server answers from this process's cooperative pool,
    /// which the suite's CPU-heavy tests can keep busy for seconds.
    private func client(
        port: Int, connectTimeout: Duration = .seconds(15), responseTimeout: Duration = .seconds(30), limit: Int = 1 << 20
    ) -> FourLetterWordClient {
        FourLetterWordClient(host: "127.0.0.1", port: port, connectTimeout: connectTimeout, responseTimeout: responseTimeout, maximumResponseBytes: limit)
    }

    @Test func sendsTheWordAndReturnsTheWholeAnswer() async throws {
        let answer = try Data(contentsOf: Fixtures.url("zookeeper/mntr-leader.txt"))
        try await LocalTCPServer.with(.answer(answer)) { server in
            let received = try await client(port: server.port).send("mntr")
            #expect(received == answer)
            #expect(server.received == [Data("mntr".utf8)])
        }
    }

    @Test func refusedConnectionFailsAtOnce() async throws {
        let closed = try ClosedPort()
        let started = ContinuousClock.now
        do {
            _ = try await client(port: closed.port, connectTimeout: .seconds(120)).send("mntr")
            Issue.record("a closed port answered")
        } catch {
            guard case let .couldNotConnect(endpoint, _) = error else {
                Issue.record("expected couldNotConnect, got \(error)")
                return
            }
            #expect(endpoint == "127.0.0.1:\(closed.port)")
        }
        // Refused, not waited out: far below the connect timeout even on a busy machine.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func silentServerTimesOut() async throws {
        try await LocalTCPServer.with(.silent) { server in
            let started = ContinuousClock.now
            await #expect(throws: FourLetterWordError.timedOut(endpoint: "127.0.0.1:\(server.port)", while: "waiting for the answer of")) {
                _ = try await client(port: server.port, responseTimeout: .milliseconds(300)).send("mntr")
            }
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(5))
        }
    }

    @Test func oversizedAnswerIsAbandoned() async throws {
        try await LocalTCPServer.with(.answer(Data(repeating: UInt8(ascii: "x"), count: 64 * 1024))) { server in
            await #expect(throws: FourLetterWordError.responseTooLarge(endpoint: "127.0.0.1:\(server.port)", limit: 1000)) {
                _ = try await client(port: server.port, limit: 1000).send("mntr")
            }
        }
    }

    @Test func cancellationEndsTheExchangePromptly() async throws {
        try await LocalTCPServer.with(.silent) { server in
            let exchange = Task { try await client(port: server.port, responseTimeout: .seconds(30)).send("mntr") }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            exchange.cancel()
            let result = await exchange.result
            #expect(ContinuousClock.now - started < .seconds(2))
            #expect(throws: FourLetterWordError.cancelled) { try result.get() }
        }
    }
}
