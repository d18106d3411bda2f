import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Synchronization
import Testing

/// The source over real sockets: loopback HTTP servers playing Druid processes, the
/// agent's libcurl client.
@Suite struct PrometheusScrapeSourceTests {
    private let t0 = Date(timeIntervalSince1970: 1_714_032_000)
    private let t1 = Date(timeIntervalSince1970: 1_714_032_060)

    /// Druid's query/count as the emitter exposes it.
    private static func count(_ value: Int) -> Data {
        Data("# TYPE druid_query_count_total counter\ndruid_query_count_total \(value)\n".utf8)
    }

    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("prometheus/\(name)"))
    }

    /// A server answering each scrape with the next body of `bodies` (the last one
    /// again when they run out).
    private func druid(_ bodies: [Data]) -> LocalHTTPServer.Handler {
        let served = Mutex(0)
        return { _ in
            let index = served.withLock { count in
                defer { count += 1 }
                return min(count, bodies.count - 1)
            }
            return LocalHTTPServer.Reply(
                headers: [.init("Content-Type", "text/plain; version=0.0.4; charset=utf-8")],
                body: bodies[index]
            )
        }
    }

    @Test func twoBrokersScrapedConcurrently() async throws {
        let bodies = [try fixture("druid-broker-scrape-1.txt"), try fixture("druid-broker-scrape-2.txt")]
        try await LocalHTTPServer.with(handler: druid(bodies)) { first in
            try await LocalHTTPServer.with(handler: druid(bodies)) { second in
                let targets = [first.baseURL + "/metrics", second.baseURL + "/metrics"]
                let source = PrometheusScrapeSource(options: .init(targets: targets), httpClient: CurlHTTPClient())
                #expect(source.name == "prometheus")
                let initial = try await source.collect(at: t0)
                #expect(Set(initial.map(\.name)) == ["jvm/mem/used"])
                let samples = try await source.collect(at: t1)
                // Each broker counted 5 queries; without a target dimension both are
                // samples of the same metric, summed by the aggregation.
                #expect(samples.filter { $0.name == "query/count" }.map(\.value) == [5, 5])
                #expect(samples.filter { $0.name == "query/time/sum" && $0.dimensions.contains(MetricDimension("dataSource", "wikipedia")) }
                    .allSatisfy { abs($0.value - 600) < 1e-9 })
                #expect(samples.allSatisfy { $0.timestamp == t1 })
                let request = try #require(first.requests.first)
                #expect(request.method == "GET")
                #expect(request.path == "/metrics")
                #expect(request.header("Accept") == "text/plain; version=0.0.4")
            }
        }
    }

    @Test func targetDimensionWhenAsked() async throws {
        let bodies = [Self.count(1), Self.count(4)]
        try await LocalHTTPServer.with(handler: druid(bodies)) { server in
            let target = server.baseURL + "/metrics"
            let source = PrometheusScrapeSource(options: .init(targets: [target], targetDimension: "Target"), httpClient: CurlHTTPClient())
            _ = try await source.collect(at: t0)
            let samples = try await source.collect(at: t1)
            #expect(samples == [Sample(name: "query/count", dimensions: [MetricDimension("Target", target)], value: 3, unit: .count, kind: .counter, timestamp: t1)])
        }
    }

    @Test func aTargetDownIsSkippedTheOthersKept() async throws {
        let closed = try ClosedPort()
        let bodies = [Self.count(1), Self.count(2), Self.count(2)]
        try await LocalHTTPServer.with(handler: druid(bodies)) { up in
            try await LocalHTTPServer.with(handler: { _ in .status(503, "starting") }) { unavailable in
                try await LocalHTTPServer.with(handler: { _ in LocalHTTPServer.Reply(text: "<html>login</html>") }) { html in
                    let targets = [
                        "http://127.0.0.1:\(closed.port)/metrics", up.baseURL + "/metrics",
                        unavailable.baseURL + "/metrics", html.baseURL + "/metrics",
                    ]
                    let source = PrometheusScrapeSource(options: .init(targets: targets, timeout: .seconds(5)), httpClient: CurlHTTPClient())
                    let baseline = try await source.collect(at: t0)
                    #expect(baseline.isEmpty)
                    let samples = try await source.collect(at: t1)
                    #expect(samples.map(\.value) == [1])

                    let scrapes = await source.scrapeAll()
                    #expect(scrapes.map(\.target) == targets)
                    #expect(scrapes.map { (try? $0.result.get()) != nil } == [false, true, false, false])
                    guard case .failure(.transport(.couldNotConnect)) = scrapes[0].result else {
                        Issue.record("expected a connection failure, got \(scrapes[0].result)")
                        return
                    }
                    guard case .failure(.status(503)) = scrapes[2].result else {
                        Issue.record("expected HTTP 503, got \(scrapes[2].result)")
                        return
                    }
                    guard case .failure(.body(.noSamples)) = scrapes[3].result else {
                        Issue.record("expected a body without samples, got \(scrapes[3].result)")
                        return
                    }
                }
            }
        }
    }

    @Test func everyTargetDownThrows() async throws {
        let closed = try ClosedPort()
        let source = PrometheusScrapeSource(options: .init(targets: ["http://127.0.0.1:\(closed.port)/metrics"]), httpClient: CurlHTTPClient())
        await #expect(throws: PrometheusScrapeSource.ScrapeError.self) { try await source.collect(at: t0) }
        let none = PrometheusScrapeSource(options: .init(targets: []), httpClient: CurlHTTPClient())
        await #expect(throws: PrometheusScrapeSource.ScrapeError.self) { try await none.collect(at: t0) }
    }

    @Test func bodiesAboveTheLimitAreAbandoned() async throws {
        let big = Data(repeating: UInt8(ascii: "#"), count: 64 << 10) + Data("\nx 1\n".utf8)
        try await LocalHTTPServer.with(handler: { _ in LocalHTTPServer.Reply(body: big) }) { server in
            let source = PrometheusScrapeSource(
                options: .init(targets: [server.baseURL + "/metrics"], maximumBodyBytes: 16 << 10),
                httpClient: CurlHTTPClient()
            )
            let scrape = try #require(await source.scrapeAll().first)
            guard case .failure(.transport(.responseTooLarge)) = scrape.result else {
                Issue.record("expected the body to be abandoned, got \(scrape.result)")
                return
            }
        }
    }

    @Test func unknownMetricsOnlyWhenKept() async throws {
        let body = Data("# TYPE app_up gauge\napp_up 1\n".utf8)
        try await LocalHTTPServer.with(handler: { _ in LocalHTTPServer.Reply(body: body) }) { server in
            let dropping = PrometheusScrapeSource(options: .init(targets: [server.baseURL + "/metrics"]), httpClient: CurlHTTPClient())
            let dropped = try await dropping.collect(at: t0)
            #expect(dropped.isEmpty)
            let keeping = PrometheusScrapeSource(options: .init(targets: [server.baseURL + "/metrics"], keepUnknown: true), httpClient: CurlHTTPClient())
            let kept = try await keeping.collect(at: t0)
            #expect(kept == [Sample(name: "app_up", value: 1, kind: .gauge, timestamp: t0)])
        }
    }
}
