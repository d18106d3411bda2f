import DruidWatchCore
import Foundation
import Testing

/// High-resolution metrics and rollups, through both ways samples reach the aggregate:
/// one by one (polled sources) and as a pre-folded emitter batch.
@Suite struct AggregationPlanTests {
    let minute = Date(timeIntervalSince1970: 1_790_000_040) // a multiple of 60 s
    let common = [MetricDimension("Cluster", "prod"), MetricDimension("Host", "h1")]

    func sample(_ name: String, _ value: Double, at offset: TimeInterval, dataSource: String = "wiki", kind: SampleKind = .timer) -> Sample {
        Sample(name: name, dimensions: [MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", dataSource)],
               value: value, unit: .milliseconds, kind: kind, timestamp: minute.addingTimeInterval(offset))
    }

    @Test func highResolutionMetricsGetTheirOwnPeriodAndStorageResolution() {
        let plan = AggregationPlan(periodSeconds: 60, highResolution: .init(periodSeconds: 10, metrics: ["query/time"]))
        let inbox = AggregationInbox(plan: plan, commonDimensions: common)
        inbox.add([sample("query/time", 5, at: 1), sample("query/time", 7, at: 12), sample("query/cpu/time", 3, at: 1), sample("query/cpu/time", 4, at: 12)])
        let datums = inbox.drainAll()
        let fine = datums.filter { $0.metricName == "query/time" }
        let coarse = datums.filter { $0.metricName == "query/cpu/time" }
        #expect(fine.map(\.timestamp) == [minute, minute.addingTimeInterval(10)])
        #expect(fine.allSatisfy { $0.storageResolution == 1 })
        #expect(coarse.map(\.timestamp) == [minute])
        #expect(coarse.first?.storageResolution == 60)
    }

    @Test func aFinishedHighResolutionPeriodIsPublishedBeforeTheMinuteEnds() {
        let plan = AggregationPlan(periodSeconds: 60, highResolution: .init(periodSeconds: 10, metrics: ["query/*"]))
        let inbox = AggregationInbox(plan: plan, commonDimensions: common)
        inbox.add([sample("query/time", 5, at: 1), sample("segment/scan/pending", 1, at: 1, kind: .gauge)])
        let early = inbox.drainCompleted(asOf: minute.addingTimeInterval(20))
        #expect(early.map(\.metricName) == ["query/time"])
        let late = inbox.drainCompleted(asOf: minute.addingTimeInterval(60))
        #expect(late.map(\.metricName) == ["segment/scan/pending"])
    }

    @Test func rollupsApplyToTheFirstMatchingRuleOnly() {
        let plan = AggregationPlan(periodSeconds: 60, rollups: [
            .init(metrics: ["query/*"], rollup: DimensionRollup([["Cluster", "Service"]])),
            .init(rollup: DimensionRollup([["Cluster"]], keepsOriginal: false)),
        ])
        let inbox = AggregationInbox(plan: plan, commonDimensions: common)
        inbox.add([sample("query/time", 5, at: 1, dataSource: "a"), sample("query/time", 9, at: 2, dataSource: "b"), sample("jvm/gc/count", 2, at: 3, kind: .counter)])
        let datums = inbox.drainAll()
        let queryTime = datums.filter { $0.metricName == "query/time" }
        // Each dataSource as collected, plus one series across both.
        #expect(queryTime.count == 3)
        let rolled = queryTime.first { $0.dimensions.count == 2 }
        #expect(rolled?.dimensions == [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker")])
        #expect(rolled?.value == .distribution(values: [5, 9], counts: [1, 1]))
        let gc = datums.filter { $0.metricName == "jvm/gc/count" }
        #expect(gc.map(\.dimensions) == [[MetricDimension("Cluster", "prod")]])
    }

    @Test func anEmitterBatchIsRolledUpAndRealignedLikeSingleSamples() throws {
        let body = Array("""
            [{"feed":"metrics","timestamp":"2026-09-21T13:34:05Z","service":"druid/broker","host":"b1:8082","metric":"query/time","value":10,"dataSource":"a","type":"timeseries"},
             {"feed":"metrics","timestamp":"2026-09-21T13:34:25Z","service":"druid/broker","host":"b1:8082","metric":"query/time","value":20,"dataSource":"b","type":"timeseries"},
             {"feed":"metrics","timestamp":"2026-09-21T13:34:45Z","service":"druid/broker","host":"b1:8082","metric":"query/bytes","value":300,"dataSource":"a","type":"timeseries"}]
            """.utf8)
        let mapper = DruidEventMapper(catalog: .druidStandard)
        let plan = AggregationPlan(periodSeconds: 60, highResolution: .init(periodSeconds: 10, metrics: ["query/time"]), rollups: [
            .init(rollup: DimensionRollup([["Cluster", "Service"]])),
        ])

        let batchInbox = AggregationInbox(plan: plan, commonDimensions: common)
        var parser = DruidBatchParser()
        let (batch, _) = body.withUnsafeBytes { parser.aggregate($0, mapper: mapper, periodSeconds: batchInbox.foldingPeriodSeconds, onAlert: { _ in }) }
        batchInbox.add(batch)

        let sampleInbox = AggregationInbox(plan: plan, commonDimensions: common)
        var samples: [Sample] = []
        var eventParser = DruidBatchParser()
        _ = body.withUnsafeBytes { bytes in
            eventParser.parse(bytes, keeping: { mapper.keptDimensions(forMetric: $0) }, onMetric: { event in
                if let sample = mapper.sample(from: event) { samples.append(sample) }
            }, onAlert: { _ in })
        }
        sampleInbox.add(samples)

        let fromBatch = batchInbox.drainAll()
        #expect(fromBatch == sampleInbox.drainAll())
        // query/time: 2 periods × (own + rollup); query/bytes: one minute × (own + rollup).
        #expect(fromBatch.filter { $0.metricName == "query/time" }.count == 4)
        #expect(Set(fromBatch.filter { $0.metricName == "query/bytes" }.map(\.timestamp)).count == 1)
        #expect(fromBatch.filter { $0.metricName == "query/bytes" }.count == 2)
    }

    @Test func metricNamesBeyondTheRememberedRoutesAreStillRouted() {
        let plan = AggregationPlan(periodSeconds: 60, rollups: [.init(metrics: ["x/*"], rollup: DimensionRollup([["Cluster"]]))])
        let inbox = AggregationInbox(plan: plan, commonDimensions: common)
        for index in 0..<5000 {
            inbox.add(Sample(name: "x/\(index)", dimensions: [], value: 1, unit: .count, kind: .counter, timestamp: minute))
        }
        // Each is still routed (rolled up to Cluster only, besides itself).
        #expect(inbox.drainAll().count == 10_000)
    }
}
