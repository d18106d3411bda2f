import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// Successive scrapes into samples: counter increases, resets, gauges, Druid names and
/// dimensions, unknown metrics, bounds.
@Suite struct PrometheusDeltasTests {
    private let t0 = Date(timeIntervalSince1970: 1_714_032_000)
    private let t1 = Date(timeIntervalSince1970: 1_714_032_060)

    private func families(_ text: String) throws -> [PrometheusMetricFamily] {
        try PrometheusTextParser().parse(text).families
    }

    private func fixture(_ name: String) throws -> [PrometheusMetricFamily] {
        try PrometheusTextParser().parse(Data(contentsOf: Fixtures.url("prometheus/\(name)"))).families
    }

    /// Druid's query/count as the emitter exposes it.
    private func count(_ value: Int) -> String {
        "# TYPE druid_query_count_total counter\ndruid_query_count_total \(value)\n"
    }

    /// By name and dimensions; the first of several with the same (series that differ
    /// only in dropped labels).
    private func byKey(_ samples: [Sample]) -> [String: Sample] {
        Dictionary(samples.map { sample in
            (([sample.name] + sample.dimensions.map(\.description)).joined(separator: " "), sample)
        }, uniquingKeysWith: { first, _ in first })
    }

    @Test func druidEmitterScrapesBecomeDruidMetrics() throws {
        var deltas = PrometheusDeltas()
        let first = deltas.samples(from: try fixture("druid-broker-scrape-1.txt"), target: "broker", at: t0)
        // The first scrape only sets the counters' baselines: gauges alone come out.
        #expect(first.samples.allSatisfy { $0.kind == .gauge })
        #expect(Set(first.samples.map(\.name)) == ["jvm/mem/used"])

        let second = deltas.samples(from: try fixture("druid-broker-scrape-2.txt"), target: "broker", at: t1)
        let samples = byKey(second.samples)
        #expect(samples.count == 11, "\(samples.keys.sorted())")
        #expect(second.samples.allSatisfy { $0.timestamp == t1 })

        #expect(samples["query/count"]?.value == 5)
        #expect(samples["query/count"]?.kind == .counter)
        #expect(samples["query/count"]?.unit == .count)
        #expect(samples["query/success/count"]?.value == 5)

        // The histogram in seconds: count and sum per interval, the sum in milliseconds.
        let count = try #require(samples["query/time/count dataSource=wikipedia type=timeseries"])
        #expect(count.value == 4)
        #expect(count.kind == .counter)
        #expect(count.unit == .count)
        let sum = try #require(samples["query/time/sum dataSource=wikipedia type=timeseries"])
        #expect(abs(sum.value - 600) < 1e-9)
        #expect(sum.unit == .milliseconds)
        #expect(sum.kind == .counter)
        #expect(samples["query/time/count dataSource=koalas_to_the_max type=groupBy"]?.value == 0)
        #expect(samples["query/time/sum dataSource=koalas_to_the_max type=groupBy"]?.value == 0)
        // query/cpu/time is in microseconds in the catalog (conversionFactor 1e6).
        let cpu = try #require(samples["query/cpu/time/sum dataSource=wikipedia type=timeseries"])
        #expect(abs(cpu.value - 5000) < 1e-6)
        #expect(cpu.unit == .microseconds)

        // Gauges, with the catalog's dimension.
        #expect(samples["jvm/mem/used memKind=heap"]?.value == 1.3e8)
        #expect(samples["jvm/mem/used memKind=heap"]?.unit == .bytes)
        #expect(samples["jvm/mem/used memKind=nonheap"]?.kind == .gauge)
        // gcGen is not among jvm/gc/count's catalog dimensions: dropped.
        #expect(second.samples.filter { $0.name == "jvm/gc/count" }.map(\.value).sorted() == [0, 3])
        #expect(second.samples.filter { $0.name == "jvm/gc/count" }.allSatisfy { $0.dimensions == [MetricDimension("gcName", "g1")] })

        // Buckets and `_created` are not published; the custom metric is dropped by default.
        #expect(!second.samples.contains { $0.name.contains("bucket") || $0.name.contains("created") })
        #expect(second.unknownSamplesDropped == 1)
        #expect(second.notPublished == 3 * 14 + 7)
        #expect(second.counterResets == 0)
    }

    @Test func unknownMetricsKeptWithTheirLabels() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep))
        let text = """
        # TYPE druid_custom_lookups_loaded gauge
        druid_custom_lookups_loaded{tier="__default",queryId="abc",empty=""} 3
        # TYPE app_requests_total counter
        app_requests_total{code="200"} 10
        # TYPE rpc summary
        rpc{quantile="0.5"} 0.2
        rpc{quantile="0.99"} 1.5
        rpc_sum 12
        rpc_count 40
        # TYPE lat histogram
        lat_bucket{le="1"} 1
        lat_bucket{le="+Inf"} 2
        lat_sum 0.5
        lat_count 2

        """
        _ = deltas.samples(from: try families(text), target: "t", at: t0)
        let next = text.replacingOccurrences(of: "} 10", with: "} 17").replacingOccurrences(of: "rpc_count 40", with: "rpc_count 45")
        let samples = byKey(deltas.samples(from: try families(next), target: "t", at: t1).samples)
        // queryId is high-cardinality, and an empty value is no label.
        #expect(samples["druid_custom_lookups_loaded tier=__default"]?.value == 3)
        #expect(samples["app_requests_total code=200"]?.value == 7)
        #expect(samples["app_requests_total code=200"]?.unit == MetricUnit.none)
        #expect(samples["rpc quantile=0.5"]?.value == 0.2)
        #expect(samples["rpc quantile=0.99"]?.kind == .gauge)
        #expect(samples["rpc_count"]?.value == 5)
        #expect(samples["rpc_count"]?.unit == .count)
        #expect(samples["rpc_sum"]?.value == 0)
        #expect(samples["lat_count"]?.value == 0)
        #expect(samples["lat_sum"]?.value == 0)
        #expect(samples.count == 8, "\(samples.keys.sorted())")
    }

    @Test func counterResetTakesTheNewValueAsTheIncrease() throws {
        var deltas = PrometheusDeltas()
        _ = deltas.samples(from: try families(count(100)), target: "t", at: t0)
        let grew = deltas.samples(from: try families(count(130)), target: "t", at: t1)
        #expect(grew.samples.map(\.value) == [30])
        // The broker restarted and has counted 4 queries since.
        let reset = deltas.samples(from: try families(count(4)), target: "t", at: t1)
        #expect(reset.samples.map(\.value) == [4])
        #expect(reset.samples.first?.name == "query/count")
        #expect(reset.counterResets == 1)
        let after = deltas.samples(from: try families(count(6)), target: "t", at: t1)
        #expect(after.samples.map(\.value) == [2])
        #expect(after.counterResets == 0)
    }

    @Test func histogramResetToo() throws {
        var deltas = PrometheusDeltas()
        let before = "# TYPE druid_query_time histogram\ndruid_query_time_sum{dataSource=\"w\",type=\"scan\"} 9.5\ndruid_query_time_count{dataSource=\"w\",type=\"scan\"} 20\n"
        let after = "# TYPE druid_query_time histogram\ndruid_query_time_sum{dataSource=\"w\",type=\"scan\"} 0.25\ndruid_query_time_count{dataSource=\"w\",type=\"scan\"} 1\n"
        _ = deltas.samples(from: try families(before), target: "t", at: t0)
        let result = deltas.samples(from: try families(after), target: "t", at: t1)
        #expect(byKey(result.samples)["query/time/sum dataSource=w type=scan"]?.value == 250)
        #expect(byKey(result.samples)["query/time/count dataSource=w type=scan"]?.value == 1)
        #expect(result.counterResets == 2)
    }

    @Test func nonFiniteAndNegativeValuesAreDroppedAndCounted() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep))
        _ = deltas.samples(from: try families("# TYPE c counter\nc 10\n# TYPE g gauge\ng 1\n"), target: "t", at: t0)
        let bad = deltas.samples(from: try families("# TYPE c counter\nc NaN\n# TYPE g gauge\ng +Inf\nh NaN\n# TYPE n counter\nn -3\n"), target: "t", at: t1)
        #expect(bad.samples.isEmpty)
        #expect(bad.nonFiniteValues == 3)
        #expect(bad.negativeCounterValues == 1)
        // The counter kept its baseline through the NaN.
        let good = deltas.samples(from: try families("# TYPE c counter\nc 15\n"), target: "t", at: t1)
        #expect(good.samples.map(\.value) == [5])
    }

    @Test func seriesAreKeptPerTargetAndTheTargetDimensionIsOptional() throws {
        var deltas = PrometheusDeltas()
        _ = deltas.samples(from: try families(count(1)), target: "a", at: t0)
        _ = deltas.samples(from: try families(count(100)), target: "b", at: t0)
        let a = deltas.samples(from: try families(count(3)), target: "a",
                               dimensions: [MetricDimension("Target", "a")], at: t1)
        #expect(a.samples == [Sample(name: "query/count", dimensions: [MetricDimension("Target", "a")], value: 2, unit: .count, kind: .counter, timestamp: t1)])
        #expect(a.counterResets == 0)
        let b = deltas.samples(from: try families(count(101)), target: "b", at: t1)
        #expect(b.samples.map(\.value) == [1])
        #expect(b.samples.first?.dimensions == [])
        deltas.forget(target: "b")
        #expect(deltas.samples(from: try families(count(102)), target: "b", at: t1).samples.isEmpty)
    }

    @Test func anUntypedSampleIsAGaugeEvenWithACounterName() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep))
        let result = deltas.samples(from: try families("druid_query_count_total 7\n"), target: "t", at: t0)
        // Without `# TYPE ... counter` nothing says it is a total: published as it is,
        // under its own name, as Prometheus would treat it.
        #expect(result.samples == [Sample(name: "druid_query_count_total", value: 7, kind: .gauge, timestamp: t0)])
    }

    @Test func duplicateSeriesInOneScrapeAreDropped() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep))
        _ = deltas.samples(from: try families("# TYPE c counter\nc{x=\"1\"} 1\n"), target: "t", at: t0)
        let result = deltas.samples(from: try families("# TYPE c counter\nc{x=\"1\"} 2\nc{x=\"1\"} 50\n"), target: "t", at: t1)
        #expect(result.samples.map(\.value) == [1])
        #expect(result.duplicateSeries == 1)
    }

    @Test func rememberedSeriesAreBounded() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep, maximumSeries: 5))
        let seven = "# TYPE c counter\n" + (0..<7).map { "c{i=\"\($0)\"} \($0)\n" }.joined()
        let first = deltas.samples(from: try families(seven), target: "big", at: t0)
        #expect(first.untrackedSeries == 2)
        #expect(deltas.rememberedSeries == 5)
        let second = deltas.samples(from: try families(seven), target: "big", at: t1)
        #expect(second.samples.count == 5)

        // Another target: the least recently scraped one is forgotten to make room.
        let three = "# TYPE c counter\n" + (0..<3).map { "c{i=\"\($0)\"} 1\n" }.joined()
        let other = deltas.samples(from: try families(three), target: "small", at: t1)
        #expect(other.forgottenSeries == 5)
        #expect(deltas.rememberedSeries == 3)
        #expect(deltas.samples(from: try families(seven), target: "big", at: t1).samples.isEmpty)
        #expect(deltas.rememberedSeries == 5)
    }

    @Test func nodeExporterCaptureWithUnknownKept() throws {
        var deltas = PrometheusDeltas(options: .init(unknownMetrics: .keep))
        let families = try fixture("node-exporter-1.5.0.txt")
        let first = deltas.samples(from: families, target: "node", at: t0)
        #expect(first.samples.allSatisfy { $0.kind == .gauge && $0.value.isFinite })
        #expect(first.samples.contains { $0.name == "node_load1" })
        let second = deltas.samples(from: families, target: "node", at: t1)
        // The same scrape twice: every counter increased by zero.
        let counters = second.samples.filter { $0.kind == .counter }
        #expect(counters.count > 100)
        #expect(counters.allSatisfy { $0.value == 0 })
        #expect(counters.contains { $0.name == "node_cpu_seconds_total" && $0.dimensions.contains(MetricDimension("mode", "idle")) })
        #expect(second.samples.contains { $0.name == "go_gc_duration_seconds" && $0.dimensions == [MetricDimension("quantile", "0.5")] })
        #expect(deltas.rememberedSeries == counters.count)
    }
}
