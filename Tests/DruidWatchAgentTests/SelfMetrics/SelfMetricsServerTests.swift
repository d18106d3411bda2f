import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import Testing

/// `/metrics` and `/healthz` over loopback, as `druidwatch status` and a Prometheus
/// server read them.
@Suite(.timeLimit(.minutes(1)))
struct SelfMetricsServerTests {
    func withServer(_ metrics: AgentSelfMetrics, stallAfter: TimeInterval = 80, _ body: (String, CurlHTTPClient) async throws -> Void) async throws {
        let server = SelfMetricsServer(host: "127.0.0.1", port: 0, metrics: metrics, stallAfter: stallAfter, logger: Logger(label: "test"))
        let port = try await server.start()
        let http = CurlHTTPClient()
        defer { http.shutDown() }
        do {
            try await body("http://127.0.0.1:\(port)", http)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test func servesMetricsAndHealth() async throws {
        let metrics = AgentSelfMetrics()
        metrics.recordSamples(12, source: "host")
        metrics.recordCollection(at: Date())
        try await withServer(metrics) { base, http in
            let scrape = try await http.execute(HTTPRequest(method: .get, url: base + "/metrics"))
            #expect(scrape.status == 200)
            #expect(scrape.headers.first { $0.name.lowercased() == "content-type" }?.value == "text/plain; version=0.0.4; charset=utf-8")
            let parsed = try PrometheusTextParser().parse(scrape.body)
            #expect(parsed.families.flatMap(\.samples).contains { $0.name == "druidwatch_samples_received_total" && $0.label("source") == "host" && $0.value == 12 })

            let health = try await http.execute(HTTPRequest(method: .get, url: base + "/healthz"))
            #expect(health.status == 200)
            #expect(try AgentHealth.decode(health.body).status == .ok)

            let missing = try await http.execute(HTTPRequest(method: .get, url: base + "/nothing"))
            #expect(missing.status == 404)
            let posted = try await http.execute(HTTPRequest(method: .post, url: base + "/metrics", body: Data("x".utf8)))
            #expect(posted.status == 405)
        }
    }

    @Test func aStalledAgentAnswers503() async throws {
        let metrics = AgentSelfMetrics(startedAt: Date().addingTimeInterval(-600))
        metrics.recordCollection(at: Date().addingTimeInterval(-500))
        try await withServer(metrics, stallAfter: 80) { base, http in
            let health = try await http.execute(HTTPRequest(method: .get, url: base + "/healthz"))
            #expect(health.status == 503)
            #expect(try AgentHealth.decode(health.body).status == .stalled)
        }
    }
}
