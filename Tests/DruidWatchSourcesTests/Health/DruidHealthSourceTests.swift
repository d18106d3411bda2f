import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Synchronization
import Testing

/// The source against loopback HTTP servers that answer as Druid documents it.
@Suite struct DruidHealthSourceTests {
    let now = Date(timeIntervalSince1970: 1_764_064_800)

    /// What a fake Druid process answers; changed by the tests between collections.
    final class FakeDruid: Sendable {
        struct State {
            var leader = true
            var loaded = true
            var healthy = true
            /// When set, every endpoint but /status/health wants this Authorization value.
            var requiredAuthorization: String?
            var loadStatus = #"{"wikipedia":100.0,"kttm":42.5}"#
        }

        let state = Mutex(State())

        func update(_ change: (inout State) -> Void) {
            state.withLock { change(&$0) }
        }

        func handler() -> LocalHTTPServer.Handler {
            { request in self.answer(request) }
        }

        private func answer(_ request: LocalHTTPServer.RecordedRequest) -> LocalHTTPServer.Reply {
            let state = state.withLock { $0 }
            let json = [LocalHTTPServer.Header("Content-Type", "application/json")]
            if request.path == "/status/health" {
                return state.healthy ? .init(headers: json, text: "true") : .status(503, "Service Unavailable")
            }
            if let required = state.requiredAuthorization, request.header("Authorization") != required {
                return .status(401, "Unauthorized")
            }
            switch request.path {
            case "/druid/coordinator/v1/isLeader", "/druid/indexer/v1/isLeader":
                return .init(status: state.leader ? 200 : 404, headers: json, text: #"{"leader":\#(state.leader)}"#)
            case "/druid/coordinator/v1/loadstatus":
                return state.leader ? .init(headers: json, text: state.loadStatus)
                    : .init(status: 307, headers: [.init("Location", "http://leader:8081/druid/coordinator/v1/loadstatus")])
            case "/druid/broker/v1/loadstatus":
                return .init(headers: json, text: #"{"inventoryInitialized":\#(state.loaded)}"#)
            case "/druid/historical/v1/loadstatus":
                return .init(headers: json, text: #"{"cacheInitialized":\#(state.loaded)}"#)
            default:
                return .status(404)
            }
        }
    }

    private func values(_ samples: [Sample]) -> [String: Double] {
        Dictionary(samples.filter { $0.name != DruidHealthMetrics.latency }.map { sample in
            let key = sample.dimensions.map(\.value).joined(separator: ",") + " " + sample.name
            return (key, sample.value)
        }, uniquingKeysWith: { first, _ in first })
    }

    @Test func everyKindAgainstDocumentedAnswers() async throws {
        let coordinator = FakeDruid(), overlord = FakeDruid(), broker = FakeDruid(), historical = FakeDruid(), router = FakeDruid()
        overlord.update { $0.leader = false }
        historical.update { $0.loaded = false }
        try await LocalHTTPServer.with(handler: coordinator.handler()) { coordinatorServer in
        try await LocalHTTPServer.with(handler: overlord.handler()) { overlordServer in
        try await LocalHTTPServer.with(handler: broker.handler()) { brokerServer in
        try await LocalHTTPServer.with(handler: historical.handler()) { historicalServer in
        try await LocalHTTPServer.with(handler: router.handler()) { routerServer in
            let source = DruidHealthSource(options: .init(services: [
                DruidHealthTarget(kind: .coordinator, baseURL: coordinatorServer.baseURL + "/"),
                DruidHealthTarget(kind: .overlord, baseURL: overlordServer.baseURL),
                DruidHealthTarget(kind: .broker, baseURL: brokerServer.baseURL),
                DruidHealthTarget(kind: .historical, baseURL: historicalServer.baseURL, serviceName: "druid/historical-hot"),
                DruidHealthTarget(kind: .router, baseURL: routerServer.baseURL),
            ]), httpClient: CurlHTTPClient())
            #expect(source.name == "druid_health")
            let samples = try await source.collect(at: now)
            #expect(values(samples) == [
                "druid/coordinator druid/health/up": 1,
                "druid/coordinator druid/health/leader": 1,
                "druid/coordinator,wikipedia druid/health/loadstatus_percent": 100,
                "druid/coordinator,kttm druid/health/loadstatus_percent": 42.5,
                "druid/overlord druid/health/up": 1,
                "druid/overlord druid/health/leader": 0,
                "druid/broker druid/health/up": 1,
                "druid/broker druid/health/ready": 1,
                "druid/historical-hot druid/health/up": 1,
                "druid/historical-hot druid/health/ready": 0,
                "druid/router druid/health/up": 1,
            ])
            let latencies = samples.filter { $0.name == DruidHealthMetrics.latency }
            #expect(latencies.count == 5)
            #expect(latencies.allSatisfy { $0.unit == .milliseconds && $0.value >= 0 && $0.value < 5_000 })
            #expect(coordinatorServer.requests.map(\.path).sorted() == ["/druid/coordinator/v1/isLeader", "/druid/coordinator/v1/loadstatus", "/status/health"])
            #expect(coordinatorServer.requests.allSatisfy { $0.header("Authorization") == nil })
            #expect(routerServer.requests.map(\.uri) == ["/status/health"])
        }}}}}
    }

    @Test func aHealthEndpointThatGoesDownTurnsItsGaugeToZeroWithinOnePeriod() async throws {
        let broker = FakeDruid()
        let server = try await LocalHTTPServer(handler: broker.handler())
        let source = DruidHealthSource(options: .init(services: [DruidHealthTarget(kind: .broker, baseURL: server.baseURL)], timeout: .seconds(2)),
                                       httpClient: CurlHTTPClient())
        #expect(values(try await source.collect(at: now)) == ["druid/broker druid/health/up": 1, "druid/broker druid/health/ready": 1])

        // Still listening but unhealthy: 503.
        broker.update { $0.healthy = false; $0.loaded = false }
        #expect(values(try await source.collect(at: now)) == ["druid/broker druid/health/up": 0, "druid/broker druid/health/ready": 0])

        // Process gone: connection refused; the next collection says 0, not nothing.
        await server.shutdown()
        let clock = ContinuousClock()
        let start = clock.now
        let down = try await source.collect(at: now.addingTimeInterval(60))
        // Within one (default, 60 s) period, whatever the load on the test machine.
        #expect(clock.now - start < .seconds(60))
        #expect(values(down) == ["druid/broker druid/health/up": 0, "druid/broker druid/health/ready": 0])
        #expect(down.allSatisfy { $0.timestamp == now.addingTimeInterval(60) })
    }

    @Test func aHungServiceTimesOutToZero() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(10))
            return .status(200, "true")
        }) { server in
            let source = DruidHealthSource(options: .init(services: [
                DruidHealthTarget(kind: .middleManager, baseURL: server.baseURL),
                DruidHealthTarget(kind: .coordinator, baseURL: server.baseURL),
            ], timeout: .milliseconds(500)), httpClient: CurlHTTPClient())
            let clock = ContinuousClock()
            let start = clock.now
            let samples = try await source.collect(at: now)
            #expect(clock.now - start < .seconds(4), "probes run concurrently, each bounded by the timeout")
            #expect(values(samples) == [
                "druid/middlemanager druid/health/up": 0,
                "druid/coordinator druid/health/up": 0,
                "druid/coordinator druid/health/leader": 0,
            ])
        }
    }

    @Test func refusedPortIsDown() async throws {
        let closed = try ClosedPort()
        let source = DruidHealthSource(options: .init(services: [DruidHealthTarget(kind: .historical, baseURL: "http://127.0.0.1:\(closed.port)")]),
                                       httpClient: CurlHTTPClient())
        #expect(values(try await source.collect(at: now)) == ["druid/historical druid/health/up": 0, "druid/historical druid/health/ready": 0])
    }

    /// Hands out the credentials in turn: the next ones only after a rejection.
    final class RotatingCredentials: DruidCredentialProvider {
        let state: Mutex<(index: Int, calls: Int, rejections: Int)> = Mutex((0, 0, 0))
        let list: [DruidSystemCredentials]

        init(_ list: [DruidSystemCredentials]) {
            self.list = list
        }

        func credentials() async throws -> DruidSystemCredentials {
            state.withLock { state in
                state.calls += 1
                return list[min(state.index, list.count - 1)]
            }
        }

        func credentialsRejected() async {
            state.withLock { state in
                state.rejections += 1
                state.index += 1
            }
        }
    }

    @Test func basicAuthExceptOnStatusHealthAndRetryAfter401() async throws {
        let old = DruidSystemCredentials(username: "druid_system", password: "old")
        let new = DruidSystemCredentials(username: "druid_system", password: "rotated:pa55")
        let druid = FakeDruid()
        druid.update { $0.requiredAuthorization = new.authorizationHeader }
        try await LocalHTTPServer.with(handler: druid.handler()) { server in
            let provider = RotatingCredentials([old, new])
            let source = DruidHealthSource(options: .init(services: [DruidHealthTarget(kind: .coordinator, baseURL: server.baseURL)], credentials: provider),
                                           httpClient: CurlHTTPClient())
            let first = values(try await source.collect(at: now))
            #expect(first["druid/coordinator druid/health/leader"] == 1)
            #expect(first["druid/coordinator,wikipedia druid/health/loadstatus_percent"] == 100)
            #expect(provider.state.withLock { $0.rejections } == 1)

            let requests = server.requests
            #expect(requests.filter { $0.path == "/status/health" }.allSatisfy { $0.header("Authorization") == nil })
            let leaderCalls = requests.filter { $0.path == "/druid/coordinator/v1/isLeader" }.map { $0.header("Authorization") }
            #expect(leaderCalls == [old.authorizationHeader, new.authorizationHeader])
            #expect(new.authorizationHeader == "Basic " + Data("druid_system:rotated:pa55".utf8).base64EncodedString())

            // Next period: the new credentials straight away.
            server.clearRequests()
            _ = try await source.collect(at: now)
            #expect(server.requests.count == 3)
            #expect(provider.state.withLock { $0.rejections } == 1)
        }
    }

    @Test func wrongPasswordIsReportedAsZeroNotRetriedForever() async throws {
        let druid = FakeDruid()
        druid.update { $0.requiredAuthorization = "Basic c29tZXRoaW5nOmVsc2U=" }
        try await LocalHTTPServer.with(handler: druid.handler()) { server in
            let provider = StaticDruidCredentialProvider(DruidSystemCredentials(username: "u", password: "p"))
            let source = DruidHealthSource(options: .init(services: [DruidHealthTarget(kind: .broker, baseURL: server.baseURL)], credentials: provider),
                                           httpClient: CurlHTTPClient())
            let samples = try await source.collect(at: now)
            #expect(values(samples) == ["druid/broker druid/health/up": 1, "druid/broker druid/health/ready": 0])
            #expect(server.requests.count == 2, "the same credentials are not sent again")
        }
    }

    @Test func noTargetsNoSamples() async throws {
        let source = DruidHealthSource(options: .init(), httpClient: CurlHTTPClient())
        #expect(try await source.collect(at: now).isEmpty)
    }
}

extension DruidHealthSourceTests {
    final class FailingCredentials: DruidCredentialProvider {
        let calls = Mutex(0)
        func credentials() async throws -> DruidSystemCredentials {
            calls.withLock { $0 += 1 }
            throw DruidCredentialsError.malformedSecret("test")
        }
        func credentialsRejected() async {}
    }

    @Test func unreadableSecretProbesWithoutCredentialsOnce() async throws {
        let druid = FakeDruid()
        druid.update { $0.requiredAuthorization = "Basic eDp5" }
        try await LocalHTTPServer.with(handler: druid.handler()) { server in
            let provider = FailingCredentials()
            let source = DruidHealthSource(options: .init(services: [DruidHealthTarget(kind: .overlord, baseURL: server.baseURL)], credentials: provider),
                                           httpClient: CurlHTTPClient())
            let samples = try await source.collect(at: now)
            #expect(values(samples) == ["druid/overlord druid/health/up": 1, "druid/overlord druid/health/leader": 0])
            #expect(provider.calls.withLock { $0 } == 1)
            #expect(server.requests.allSatisfy { $0.header("Authorization") == nil })
        }
    }
}
