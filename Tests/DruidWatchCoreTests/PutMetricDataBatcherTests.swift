import DruidWatchCore
import Foundation
import Testing

@Suite struct PutMetricDataBatcherTests {
    private func datums(_ count: Int, dimensionValueLength: Int = 8) -> [MetricDatum] {
        (0..<count).map {
            MetricDatum(
                metricName: "metric\($0 % 7)",
                dimensions: [MetricDimension("Host", String(repeating: "h", count: dimensionValueLength) + "\($0)")],
                timestamp: Date(timeIntervalSince1970: 1_764_064_800),
                value: .single(Double($0)),
                unit: .count
            )
        }
    }

    @Test(arguments: [0, 1, 999, 1_000, 1_001, 2_500])
    func fewestRequestsWhenOnlyTheCountLimitBinds(count: Int) {
        let batches = PutMetricDataBatcher.batches(namespace: "Druid", datums: datums(count))
        #expect(batches.count == (count + 999) / 1_000)
        #expect(batches.allSatisfy { $0.count <= 1_000 })
        #expect(batches.flatMap { $0 } == datums(count))
    }

    @Test func sizeLimitSplitsBeforeTheCountLimit() {
        let large = datums(1_000, dimensionValueLength: 1_000)
        let batches = PutMetricDataBatcher.batches(namespace: "Druid", datums: large)
        #expect(batches.count > 1)
        for batch in batches {
            #expect(PutMetricDataEncoder.body(namespace: "Druid", datums: batch).utf8.count <= PutMetricDataBatcher.maximumBodyBytes)
        }
        #expect(batches.flatMap { $0 } == large)
    }
}
