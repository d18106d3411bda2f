import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing

/// The source against a real exporter: Debian's `prometheus-node-exporter`, started by
/// the test on a free loopback port and stopped by it.
@Suite(
    .serialized,
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: NodeExporter.executable),
        "needs node_exporter: apt-get install prometheus-node-exporter (make system-packages installs it)"
    )
)
struct PrometheusNodeExporterIntegrationTests {
    @Test func scrapedTwiceForReal() async throws {
        let exporter = try await NodeExporter.start()
        defer { exporter.stop() }
        let http = CurlHTTPClient()

        // The body as the source reads it: every line parses.
        let response = try await http.execute(HTTPRequest(method: .get, url: exporter.url))
        #expect(response.status == 200)
        let parsed = try PrometheusTextParser().parse(response.body)
        #expect(parsed.skippedLines == 0, "\(parsed.problems)")
        #expect(!parsed.truncated)
        #expect(parsed.family("node_cpu_seconds_total")?.type == .counter)
        #expect(parsed.family("go_gc_duration_seconds")?.type == .summary)
        #expect(parsed.families.count > 100)

        let source = PrometheusScrapeSource(options: .init(targets: [exporter.url], keepUnknown: true), httpClient: http)
        let first = try await source.collect(at: Date())
        #expect(first.allSatisfy { $0.kind == .gauge })
        #expect(first.contains { $0.name == "node_load1" })
        #expect(first.contains { $0.name == "node_memory_MemTotal_bytes" && $0.value > 0 })

        try await Task.sleep(for: .milliseconds(1200))
        let second = try await source.collect(at: Date())
        let counters = second.filter { $0.kind == .counter }
        #expect(counters.count > 50)
        #expect(counters.allSatisfy { $0.value >= 0 && $0.value.isFinite })
        // Time passed on every CPU: the idle seconds summed over CPUs went up or stayed.
        let idle = counters.filter { $0.name == "node_cpu_seconds_total" && $0.dimensions.contains(MetricDimension("mode", "idle")) }
        #expect(!idle.isEmpty)
        // node_exporter counts its own scrapes.
        let scrapes = counters.first { $0.name == "promhttp_metric_handler_requests_total" && $0.dimensions == [MetricDimension("code", "200")] }
        #expect(scrapes?.value ?? 0 >= 1)

        // Without keepUnknown nothing of node_exporter's is a Druid metric.
        let druidOnly = PrometheusScrapeSource(options: .init(targets: [exporter.url]), httpClient: http)
        #expect(try await druidOnly.collect(at: Date()).isEmpty)
    }
}

/// Debian's node_exporter on a free loopback port.
final class NodeExporter: Sendable {
    static let executable = "/usr/bin/prometheus-node-exporter"

    let url: String
    private let process: ChildProcess

    private init(url: String, process: ChildProcess) {
        self.url = url
        self.process = process
    }

    struct DidNotStart: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the exporter and waits until it answers `/metrics`.
    static func start() async throws -> NodeExporter {
        let port = try ClosedPort.free()
        let process = try ChildProcess(executable: executable, arguments: [
            "--web.listen-address=127.0.0.1:\(port)",
            "--log.level=warn",
            // Collectors that read nothing useful in a test VM or that can be slow.
            "--no-collector.textfile", "--no-collector.hwmon", "--no-collector.thermal_zone",
        ])
        let exporter = NodeExporter(url: "http://127.0.0.1:\(port)/metrics", process: process)
        let http = CurlHTTPClient()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let request = HTTPRequest(method: .get, url: exporter.url, connectTimeout: .seconds(1), totalTimeout: .seconds(5))
            if let response = try? await http.execute(request), response.status == 200 { return exporter }
            try await Task.sleep(for: .milliseconds(100))
        }
        exporter.stop()
        throw DidNotStart(description: "node_exporter did not answer on port \(port) within 20 s")
    }

    func stop() {
        process.stop()
    }

    deinit {
        process.stop()
    }
}
