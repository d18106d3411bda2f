import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The parser on the documented format (the examples of Prometheus'
/// `exposition_formats.md`), on a capture of Debian's node_exporter 1.5.0 and on a
/// Druid prometheus-emitter exposition written from the emitter's naming rules.
@Suite struct PrometheusTextParserTests {
    private let parser = PrometheusTextParser()

    @Test func documentedExample() throws {
        let text = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="0.2"} 100392
        http_request_duration_seconds_bucket{le="0.5"} 129389
        http_request_duration_seconds_bucket{le="1"} 133988
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # Finally a summary, which has a complex representation, too:
        # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.01"} 3102
        rpc_duration_seconds{quantile="0.05"} 3272
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.9"} 9001
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693

        """
        let result = try parser.parse(text)
        #expect(result.skippedLines == 0, "\(result.problems)")
        #expect(!result.truncated)
        #expect(result.families.map(\.name) == [
            "http_requests_total", "msdos_file_access_time_seconds", "metric_without_timestamp_and_labels",
            "something_weird", "http_request_duration_seconds", "rpc_duration_seconds",
        ])
        #expect(result.sampleCount == 20)

        let requests = try #require(result.family("http_requests_total"))
        #expect(requests.type == .counter)
        #expect(requests.help == "The total number of HTTP requests.")
        #expect(requests.samples[0] == PrometheusSample(
            name: "http_requests_total", labels: [.init("method", "post"), .init("code", "200")],
            value: 1027, timestampMilliseconds: 1_395_066_363_000, line: 3
        ))
        #expect(requests.samples[1].value == 3)

        let access = try #require(result.family("msdos_file_access_time_seconds"))
        #expect(access.type == .untyped)
        #expect(access.samples[0].label("path") == #"C:\DIR\FILE.TXT"#)
        #expect(access.samples[0].label("error") == "Cannot find file:\n\"FILE.TXT\"")
        #expect(access.samples[0].value == 1.458255915e9)

        let weird = try #require(result.family("something_weird")?.samples.first)
        #expect(weird.value == .infinity)
        #expect(weird.timestampMilliseconds == -3_982_045)

        let histogram = try #require(result.family("http_request_duration_seconds"))
        #expect(histogram.type == .histogram)
        #expect(histogram.samples.map(\.role) == [
            .bucket(upperBound: 0.05), .bucket(upperBound: 0.1), .bucket(upperBound: 0.2), .bucket(upperBound: 0.5),
            .bucket(upperBound: 1), .bucket(upperBound: .infinity), .sum, .count,
        ])
        #expect(histogram.samples.allSatisfy { $0.labels.isEmpty })  // `le` is in the role
        #expect(histogram.samples.last?.value == 144_320)

        let summary = try #require(result.family("rpc_duration_seconds"))
        #expect(summary.type == .summary)
        #expect(summary.samples.map(\.role) == [.quantile(0.01), .quantile(0.05), .quantile(0.5), .quantile(0.9), .quantile(0.99), .sum, .count])
        #expect(summary.samples[5].value == 1.7560473e7)
    }

    @Test func valuesAsGoParseFloatReadsThem() throws {
        let text = """
        a 1
        b -2.5
        c 1e3
        d 1.5E-3
        e +Inf
        f -Inf
        g NaN
        h .5
        i 5.
        j +7
        k 1e-400
        l 123456789012345678901234567890

        """
        let values = try parser.parse(text).families.map { $0.samples[0].value }
        #expect(values.count == 12)
        #expect(Array(values[0..<6]) == [1, -2.5, 1000, 0.0015, .infinity, -.infinity])
        #expect(values[6].isNaN)
        #expect(Array(values[7...]) == [0.5, 5, 7, 0, 1.2345678901234568e29])
    }

    @Test func helpEscapesAndLabelSyntax() throws {
        let text = """
        # HELP a Line one\\nline two, a backslash \\\\ and a \\"quote\\".
        # TYPE a gauge
        a { x = "1" , y="2", } 3
        # A plain comment with # TYPE inside is ignored
        #TYPE b counter
        b_total{le="not special here"} 4
        \t \t
        # HELP c
        c{} 5

        """
        let result = try parser.parse(text)
        #expect(result.skippedLines == 0, "\(result.problems)")
        let a = try #require(result.family("a"))
        #expect(a.help == "Line one\nline two, a backslash \\ and a \"quote\".")
        #expect(a.samples[0].labels == [.init("x", "1"), .init("y", "2")])
        // `#TYPE` without a blank is still a TYPE line, as in expfmt; `b_total` is b's.
        #expect(result.family("b")?.type == .counter)
        #expect(result.family("b")?.samples.first?.label("le") == "not special here")
        #expect(result.family("c")?.samples.first?.value == 5)
    }

    @Test func crlfLineEndsAreTolerated() throws {
        let result = try parser.parse("# TYPE a gauge\r\na{x=\"1\"} 2\r\n")
        #expect(result.skippedLines == 0)
        #expect(result.family("a")?.samples.first?.value == 2)
    }

    @Test func nodeExporterCapture() throws {
        let result = try parser.parse(Data(contentsOf: Fixtures.url("prometheus/node-exporter-1.5.0.txt")))
        #expect(result.skippedLines == 0, "\(result.problems)")
        #expect(!result.truncated)
        #expect(result.families.count == 283)
        #expect(result.sampleCount == 507)
        let gc = try #require(result.family("go_gc_duration_seconds"))
        #expect(gc.type == .summary)
        #expect(gc.samples.map(\.role) == [.quantile(0), .quantile(0.25), .quantile(0.5), .quantile(0.75), .quantile(1), .sum, .count])
        let cpu = try #require(result.family("node_cpu_seconds_total"))
        #expect(cpu.type == .counter)
        #expect(cpu.samples.contains { $0.label("mode") == "idle" && $0.label("cpu") == "0" })
        let uname = try #require(result.family("node_uname_info")?.samples.first)
        #expect(uname.label("sysname") == "Linux")
        #expect(uname.label("version")?.hasPrefix("#") == true)
        #expect(result.family("go_memstats_gc_sys_bytes")?.samples.first?.value ?? 0 > 1e6)
        // Untyped families from the textfile-less scrape collector are kept as such.
        #expect(result.families.contains { $0.type == .untyped })
    }

    @Test func druidEmitterExposition() throws {
        let result = try parser.parse(Data(contentsOf: Fixtures.url("prometheus/druid-broker-scrape-1.txt")))
        #expect(result.skippedLines == 0, "\(result.problems)")
        let queryTime = try #require(result.family("druid_query_time"))
        #expect(queryTime.type == .histogram)
        #expect(queryTime.samples.count == 2 * 16)
        let wikipedia = queryTime.samples.filter { $0.label("dataSource") == "wikipedia" }
        #expect(wikipedia.first { $0.role == .count }?.value == 10)
        #expect(wikipedia.first { $0.role == .sum }?.value == 1.25)
        #expect(wikipedia.first { $0.role == .bucket(upperBound: 0.25) }?.value == 6)
        #expect(result.family("druid_query_count_total")?.type == .counter)
        let heap = try #require(result.family("druid_jvm_mem_used")?.samples.first)
        #expect(heap.label("memKind") == "heap")
        #expect(heap.value == 1.2345678e8)
        #expect(result.family("druid_query_time_created")?.type == .gauge)
    }
}
