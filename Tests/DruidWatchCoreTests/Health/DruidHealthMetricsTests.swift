import DruidWatchCore
import Foundation
import Testing

/// Probe outcomes to samples, on the answers Druid's service status API documents.
@Suite struct DruidHealthMetricsTests {
    let now = Date(timeIntervalSince1970: 1_764_064_800)

    private func answer(_ status: Int, _ body: String, ms: Int = 12) -> DruidProbeOutcome {
        .answered(status: status, body: Array(body.utf8), latency: .milliseconds(ms))
    }

    private func values(_ samples: [Sample]) -> [String: Double] {
        Dictionary(samples.map { sample in
            let extra = sample.dimensions.filter { $0.name != "Service" }.map { "[\($0.value)]" }.joined()
            return (sample.name + extra, sample.value)
        }, uniquingKeysWith: { first, _ in first })
    }

    @Test func probesPerKind() {
        #expect(DruidHealthMetrics.probes(for: .coordinator).map(\.path) == ["/status/health", "/druid/coordinator/v1/isLeader", "/druid/coordinator/v1/loadstatus"])
        #expect(DruidHealthMetrics.probes(for: .overlord).map(\.path) == ["/status/health", "/druid/indexer/v1/isLeader"])
        #expect(DruidHealthMetrics.probes(for: .broker).map(\.path) == ["/status/health", "/druid/broker/v1/loadstatus"])
        #expect(DruidHealthMetrics.probes(for: .historical).map(\.path) == ["/status/health", "/druid/historical/v1/loadstatus"])
        for kind in [DruidServiceKind.middleManager, .peon, .router, .indexer] {
            #expect(DruidHealthMetrics.probes(for: kind) == [.health])
        }
        #expect(DruidHealthMetrics.probes(for: .broker).filter(\.needsAuthentication) == [.brokerLoadStatus])
    }

    @Test func healthyLeadingCoordinator() {
        let samples = DruidHealthMetrics.samples(serviceName: "druid/coordinator", outcomes: [
            (.health, answer(200, "true", ms: 7)),
            (.coordinatorLeader, answer(200, #"{"leader":true}"#)),
            (.coordinatorLoadStatus, answer(200, #"{"wikipedia":100.0,"kttm":37.5,"empty":0.0,"odd":"x"}"#)),
        ], timestamp: now)
        #expect(values(samples) == [
            "druid/health/up": 1, "druid/health/latency": 7, "druid/health/leader": 1,
            "druid/health/loadstatus_percent[wikipedia]": 100,
            "druid/health/loadstatus_percent[kttm]": 37.5,
            "druid/health/loadstatus_percent[empty]": 0,
        ])
        #expect(samples.allSatisfy { $0.kind == .gauge && $0.timestamp == now && $0.dimensions.first == MetricDimension("Service", "druid/coordinator") })
        #expect(samples.first { $0.name == "druid/health/latency" }?.unit == .milliseconds)
        #expect(samples.filter { $0.name == "druid/health/loadstatus_percent" }.allSatisfy { $0.unit == .percent })
    }

    @Test func followerCoordinatorReportsNoLoadStatus() {
        // A follower redirects loadstatus to the leader (307); it is not counted twice.
        let samples = DruidHealthMetrics.samples(serviceName: "druid/coordinator", outcomes: [
            (.health, answer(200, "true\n")),
            (.coordinatorLeader, answer(404, #"{"leader":false}"#)),
            (.coordinatorLoadStatus, answer(200, #"{"wikipedia":100.0}"#)),
        ], timestamp: now)
        #expect(values(samples) == ["druid/health/up": 1, "druid/health/latency": 12, "druid/health/leader": 0])
    }

    @Test func leaderAnswers() {
        #expect(DruidHealthMetrics.leaderAnswer(answer(200, #"{"leader":true}"#)))
        #expect(DruidHealthMetrics.leaderAnswer(answer(200, "")))
        #expect(!DruidHealthMetrics.leaderAnswer(answer(200, #"{"leader":false}"#)))
        #expect(!DruidHealthMetrics.leaderAnswer(answer(404, #"{"leader":false}"#)))
        #expect(!DruidHealthMetrics.leaderAnswer(answer(401, "Unauthorized")))
        #expect(!DruidHealthMetrics.leaderAnswer(answer(503, "")))
        #expect(!DruidHealthMetrics.leaderAnswer(.failed(reason: "refused")))
    }

    @Test func loadStatusFlags() {
        func ready(_ probe: DruidHealthProbe, _ outcome: DruidProbeOutcome) -> Double? {
            values(DruidHealthMetrics.samples(serviceName: "s", outcomes: [(probe, outcome)], timestamp: now))["druid/health/ready"]
        }
        #expect(ready(.brokerLoadStatus, answer(200, #"{"inventoryInitialized":true}"#)) == 1)
        #expect(ready(.brokerLoadStatus, answer(200, #"{ "inventoryInitialized" : false }"#)) == 0)
        #expect(ready(.brokerLoadStatus, answer(200, #"{"inventoryInitialized":1}"#)) == 0, "only a JSON true counts")
        #expect(ready(.brokerLoadStatus, answer(200, #"{"cacheInitialized":true}"#)) == 0)
        #expect(ready(.brokerLoadStatus, answer(401, "")) == 0)
        #expect(ready(.historicalLoadStatus, answer(200, #"{"cacheInitialized":true}"#)) == 1)
        #expect(ready(.historicalLoadStatus, answer(200, #"{"cacheInitialized":false}"#)) == 0)
        #expect(ready(.historicalLoadStatus, answer(200, "<html>")) == 0)
        #expect(ready(.historicalLoadStatus, .failed(reason: "timed out")) == 0)
    }

    @Test(arguments: [
        (200, "false"), (200, ""), (200, "true but not"), (200, "<html>ok</html>"), (204, ""),
        (500, "true"), (503, "Service Unavailable"), (401, "true"), (302, "true"),
    ])
    func everyOtherAnswerIsDown(status: Int, body: String) {
        let samples = DruidHealthMetrics.samples(serviceName: "druid/router", outcomes: [(.health, answer(status, body))], timestamp: now)
        #expect(values(samples)["druid/health/up"] == 0)
        #expect(values(samples)["druid/health/latency"] == 12, "an answer, even a bad one, has a latency")
    }

    @Test func unreachableServiceIsZeroNotSilence() {
        let down = DruidProbeOutcome.failed(reason: "could not connect: Connection refused")
        let samples = DruidHealthMetrics.samples(serviceName: "druid/historical", outcomes: [
            (.health, down), (.historicalLoadStatus, down),
        ], timestamp: now)
        #expect(values(samples) == ["druid/health/up": 0, "druid/health/ready": 0])
        let overlord = DruidHealthMetrics.samples(serviceName: "druid/overlord", outcomes: [(.health, down), (.overlordLeader, down)], timestamp: now)
        #expect(values(overlord) == ["druid/health/up": 0, "druid/health/leader": 0])
    }

    @Test func serviceKinds() {
        #expect(DruidServiceKind(name: "middlemanager") == .middleManager)
        #expect(DruidServiceKind(name: "MiddleManager") == .middleManager)
        #expect(DruidServiceKind(name: "coordinator-overlord") == nil)
        #expect(DruidServiceKind.middleManager.defaultServiceName == "druid/middlemanager")
        #expect(DruidServiceKind.broker.defaultServiceName == "druid/broker")
        #expect(DruidServiceKind.allCases.map(\.defaultPlaintextPort) == [8081, 8090, 8082, 8083, 8091, 8100, 8888, 8091])
    }
}
