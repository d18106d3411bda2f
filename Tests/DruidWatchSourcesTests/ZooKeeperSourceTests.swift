import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Synchronization
import Testing

/// The source's choice of path, with a scripted AdminServer and a loopback client port.
@Suite struct ZooKeeperSourceTests {
    let now = Date(timeIntervalSince1970: 1_764_064_800)
    static let adminURL = "http://127.0.0.1:8080/commands/monitor"

    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("zookeeper/\(name)"))
    }

    /// A generous answer timeout: the fake server answers from the test process's own
    /// cooperative pool, which the suite's CPU-heavy tests can keep busy for seconds.
    private func source(clientPort: Int, adminURL: String? = Self.adminURL, http: ScriptedHTTPClient) -> ZooKeeperSource {
        ZooKeeperSource(options: .init(clientPort: clientPort, adminURL: adminURL, responseTimeout: .seconds(15)), httpClient: http)
    }

    private func values(_ samples: [Sample]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: samples.map { ($0.name, $0.value) })
    }

    @Test func adminServerIsPreferred() async throws {
        let http = ScriptedHTTPClient([.success(HTTPResponse(status: 200, body: try fixture("monitor-leader.json")))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-follower.txt"))) { mntr in
            let source = source(clientPort: mntr.port, http: http)
            let samples = values(try await source.collect(at: now))
            #expect(samples["zookeeper/serving"] == 1)
            #expect(samples["zookeeper/is_leader"] == 1)
            #expect(samples["zookeeper/followers"] == 2)
            #expect(http.requests.map(\.url) == [Self.adminURL])
            #expect(http.requests.first?.method == .get)
            #expect(mntr.received.isEmpty)
        }
    }

    @Test func mntrWhenTheAdminServerIsUnreachable() async throws {
        let http = ScriptedHTTPClient([.failure(.couldNotConnect(url: Self.adminURL, message: "Connection refused"))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-standalone.txt"))) { mntr in
            let reading = await source(clientPort: mntr.port, http: http).read()
            guard case let .mntr(stats, problem) = reading else {
                Issue.record("expected a reading through mntr, got \(reading)")
                return
            }
            #expect(stats.serverState == .standalone && stats.znodeCount == 9)
            #expect(problem?.contains("could not connect") == true)
            #expect(mntr.received == [Data("mntr".utf8)])
        }
    }

    @Test func mntrWhenTheAdminServerAnswersSomethingElse() async throws {
        // Another service on 8080 (a Druid process, say) answers with its own JSON.
        let http = ScriptedHTTPClient([.success(HTTPResponse(status: 200, body: Data(#"{"version": "33.0.0"}"#.utf8)))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-follower.txt"))) { mntr in
            let reading = await source(clientPort: mntr.port, http: http).read()
            guard case let .mntr(stats, problem) = reading else {
                Issue.record("expected a reading through mntr, got \(reading)")
                return
            }
            #expect(stats.serverState == .follower)
            #expect(problem == "AdminServer \(Self.adminURL): HTTP 200: \(ZooKeeperParseError.noServerState)")
        }
    }

    @Test func nonServingMemberIsToldByMntrAfterTheAdminServerFails() async throws {
        // ZooKeeper 3.8.0 itself: HTTP 500 with Jetty's page, then mntr's sentence.
        let http = ScriptedHTTPClient([.success(HTTPResponse(status: 500, body: try fixture("monitor-not-serving-3.8.0.html")))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-not-serving.txt"))) { mntr in
            let source = source(clientPort: mntr.port, http: http)
            #expect(await source.read() == .notServing(ZooKeeperParseError.notServingMessage))
            let samples = try await source.collect(at: now)
            #expect(values(samples) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
        }
    }

    @Test func nonServingAnswerOfTheAdminServerIsFinal() async throws {
        let body = #"{"command": "monitor", "error": "This ZooKeeper instance is not currently serving requests"}"#
        let http = ScriptedHTTPClient([.success(HTTPResponse(status: 200, body: Data(body.utf8)))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-standalone.txt"))) { mntr in
            #expect(await source(clientPort: mntr.port, http: http).read() == .notServing(ZooKeeperParseError.notServingMessage))
            #expect(mntr.received.isEmpty)
        }
    }

    @Test func serverStillStartingIsNotServingYet() async throws {
        let body = #"{"version": "3.8.0", "server_state": "standalone", "command": "monitor", "error": null}"#
        let http = ScriptedHTTPClient([.success(HTTPResponse(status: 200, body: Data(body.utf8)))])
        try await LocalTCPServer.with(.answer(try fixture("mntr-standalone.txt"))) { mntr in
            let reading = await source(clientPort: mntr.port, http: http).read()
            #expect(reading == .notServing(ZooKeeperParseError.startingUp.description))
            #expect(mntr.received.isEmpty)
        }
    }

    @Test func neitherPathAnswering() async throws {
        let timeout = HTTPClientError.timedOut(url: Self.adminURL, message: "Operation timed out")
        let http = ScriptedHTTPClient([.failure(timeout), .failure(timeout)])
        let closed = try ClosedPort()
        let source = source(clientPort: closed.port, http: http)
        let reading = await source.read()
        guard case let .unavailable(reason) = reading else {
            Issue.record("expected unavailable, got \(reading)")
            return
        }
        #expect(reason.contains("AdminServer \(Self.adminURL): HTTP request to \(Self.adminURL) timed out"))
        #expect(reason.contains("mntr on 127.0.0.1:\(closed.port): could not connect"))
        #expect(values(try await source.collect(at: now)) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
    }

    @Test func refusedWordIsReportedWithTheServersWords() async throws {
        try await LocalTCPServer.with(.answer(try fixture("mntr-not-whitelisted.txt"))) { mntr in
            let reading = await source(clientPort: mntr.port, adminURL: nil, http: ScriptedHTTPClient([])).read()
            #expect(reading == .unavailable(
                "mntr on 127.0.0.1:\(mntr.port): the command was refused: mntr is not executed because it is not in the whitelist."
            ))
        }
    }

    @Test func withoutAnAdminURLOnlyMntrIsAsked() async throws {
        let http = ScriptedHTTPClient([])
        try await LocalTCPServer.with(.answer(try fixture("mntr-leader.txt"))) { mntr in
            let reading = await source(clientPort: mntr.port, adminURL: nil, http: http).read()
            #expect(reading.stats?.serverState == .leader)
            if case let .mntr(_, problem) = reading { #expect(problem == nil) }
            #expect(http.requests.isEmpty)
        }
    }

    @Test func countersAcrossCollectionsAndAnOutage() async throws {
        func monitor(packetsReceived: Int, uptime: Int) -> Result<HTTPResponse, HTTPClientError> {
            let body = #"{"server_state": "standalone", "znode_count": 5, "packets_received": \#(packetsReceived), "packets_sent": 7, "uptime": \#(uptime), "error": null}"#
            return .success(HTTPResponse(status: 200, body: Data(body.utf8)))
        }
        let http = ScriptedHTTPClient([
            monitor(packetsReceived: 100, uptime: 1000),
            monitor(packetsReceived: 130, uptime: 61_000),
            .failure(.couldNotConnect(url: Self.adminURL, message: "Connection refused")),
            monitor(packetsReceived: 190, uptime: 181_000),
        ])
        let closed = try ClosedPort()
        let source = source(clientPort: closed.port, http: http)
        #expect(values(try await source.collect(at: now))["zookeeper/packets_received"] == nil)
        #expect(values(try await source.collect(at: now))["zookeeper/packets_received"] == 30)
        #expect(values(try await source.collect(at: now)) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
        // The outage did not reset the counter: its amount covers both intervals.
        #expect(values(try await source.collect(at: now))["zookeeper/packets_received"] == 60)
    }
}

/// Answers requests from a script, in order, and records them.
final class ScriptedHTTPClient: HTTPClient {
    private let script: Mutex<[Result<HTTPResponse, HTTPClientError>]>
    private let recorded = Mutex<[HTTPRequest]>([])

    init(_ script: [Result<HTTPResponse, HTTPClientError>]) {
        self.script = Mutex(script)
    }

    var requests: [HTTPRequest] { recorded.withLock { $0 } }

    func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        recorded.withLock { $0.append(request) }
        let next = script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let next else { throw .invalidRequest("no scripted answer left") }
        return try next.get()
    }
}
