import DruidWatchAgent
import DruidWatchCore
import Foundation
import Logging
import Testing

@Suite struct AgentPipelineTests {
    let base = Date(timeIntervalSince1970: 1_764_064_800)
    let logger = Logger(label: "test")

    private func settings(timeout: Duration = .seconds(5)) -> AgentPipeline.Settings {
        .init(namespace: "Druid", periodSeconds: 60,
              commonDimensions: [MetricDimension("Cluster", "c1"), MetricDimension("InstanceId", "i-1"), MetricDimension("path", "common")],
              sourceTimeout: timeout)
    }

    @Test func commonDimensionsAreAddedAndASamplesOwnWin() async {
        let source = ScriptedSource { at in
            [Sample(name: "disk_used_percent", dimensions: [MetricDimension("path", "/data")], value: 50, unit: .percent, kind: .gauge, timestamp: at)]
        }
        let sink = RecordingSink()
        let pipeline = AgentPipeline(settings: settings(), sources: [source], sink: sink, logger: logger)
        await pipeline.collect(at: base.addingTimeInterval(5))
        _ = await pipeline.flushCompleted(asOf: base.addingTimeInterval(60))
        let datum = try? #require(sink.batches.first?.first)
        #expect(Set(datum?.dimensions ?? []) == [MetricDimension("Cluster", "c1"), MetricDimension("InstanceId", "i-1"), MetricDimension("path", "/data")])
        #expect(datum?.value == .single(50))
        #expect(datum?.unit == .percent)
    }

    @Test func aFailingOrHangingSourceCostsNothingOfTheOthers() async {
        let good = ScriptedSource(name: "good") { at in [Sample(name: "ok", value: 1, kind: .counter, timestamp: at)] }
        let failing = ScriptedSource(name: "failing") { _ in throw CocoaError(.fileReadNoPermission) }
        let hanging = ScriptedSource(name: "hanging") { _ in
            try await Task.sleep(for: .seconds(60))
            return []
        }
        let sink = RecordingSink()
        let pipeline = AgentPipeline(settings: settings(timeout: .milliseconds(200)), sources: [good, failing, hanging], sink: sink, logger: logger)
        let started = ContinuousClock.now
        let accepted = await pipeline.collect(at: base.addingTimeInterval(1))
        // Far below the hang (60 s), with room for a busy test machine: the point is that
        // the pipeline stops waiting at the source timeout, not how fast the runner is.
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(accepted == 1)
        let totals = await pipeline.totals
        #expect(totals.sourceFailures == ["failing": 1, "hanging": 1])
        _ = await pipeline.flushAll()
        #expect(sink.batches.flatMap { $0 }.map(\.metricName) == ["ok"])
    }

    @Test func onlyFinishedPeriodsAreFlushedUntilShutdown() async {
        let source = ScriptedSource { at in [Sample(name: "events", value: 1, kind: .counter, timestamp: at)] }
        let sink = RecordingSink()
        let pipeline = AgentPipeline(settings: settings(), sources: [source], sink: sink, logger: logger)
        for offset in stride(from: 0, to: 90, by: 10) {
            await pipeline.collect(at: base.addingTimeInterval(TimeInterval(offset)))
        }
        let first = await pipeline.flushCompleted(asOf: base.addingTimeInterval(90))
        #expect(first.published == 1)
        #expect(sink.batches.last?.first?.value == .single(6))
        let last = await pipeline.flushAll()
        #expect(last.published == 1)
        #expect(sink.batches.last?.first?.value == .single(3))
        #expect(sink.batches.last?.first?.timestamp == base.addingTimeInterval(60))
        let totals = await pipeline.totals
        #expect(totals.samplesCollected == 9 && totals.datumsPublished == 2 && totals.periodsPublished == 2)
    }

    @Test func dimensionsBeyondCloudWatchsLimitAreCutAndCounted() async {
        let many = (0..<40).map { MetricDimension("d\($0)", "v") }
        let source = ScriptedSource { at in [Sample(name: "wide", dimensions: many, value: 1, kind: .gauge, timestamp: at)] }
        let sink = RecordingSink()
        let pipeline = AgentPipeline(settings: settings(), sources: [source], sink: sink, logger: logger)
        await pipeline.collect(at: base)
        _ = await pipeline.flushAll()
        #expect(sink.batches.first?.first?.dimensions.count == 30)
        #expect(await pipeline.totals.dimensionsTruncated == 1)
    }

    /// Pushed samples (emitter batches) land between collections: the self-metrics count
    /// them in the open series when scraped, not only at the next collection.
    @Test func openSeriesCountsWhatArrivedSinceTheLastCollection() async throws {
        let pipeline = AgentPipeline(settings: settings(), sources: [], sink: RecordingSink(), logger: logger)
        await pipeline.collect(at: Date())
        pipeline.inbox.add((0..<3).map { Sample(name: "pushed", dimensions: [MetricDimension("n", "\($0)")], value: 1, kind: .counter, timestamp: Date()) })
        let exposition = try PrometheusTextParser().parse(bytes: pipeline.selfMetrics.exposition())
        let open = exposition.families.flatMap(\.samples).first { $0.name == "druidwatch_aggregation_open_series" }
        #expect(open?.value == 3)
    }
}

