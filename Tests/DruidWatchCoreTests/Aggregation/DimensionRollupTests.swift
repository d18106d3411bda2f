import DruidWatchCore
import Foundation
import Testing

@Suite struct DimensionRollupTests {
    let broker = [
        MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker"),
        MetricDimension("dataSource", "wikipedia"), MetricDimension("Host", "b1"),
    ]

    private func sample(_ dimensions: [MetricDimension]) -> Sample {
        Sample(name: "query/time", dimensions: dimensions, value: 12, unit: .milliseconds, kind: .timer,
               timestamp: Date(timeIntervalSince1970: 1_764_064_800))
    }

    @Test func emptyConfigurationLeavesTheSampleAsItIs() {
        let rollup = DimensionRollup([])
        #expect(rollup.isEmpty)
        #expect(rollup.apply(to: sample(broker)) == [sample(broker)])
    }

    @Test func eachCoveredSetAddsOneRollupKeepingOnlyItsDimensions() {
        let rollup = DimensionRollup([["Cluster", "Service"], ["Cluster", "Service", "dataSource"]])
        let emitted = rollup.apply(to: sample(broker)).map(\.dimensions)
        #expect(emitted == [
            broker,
            [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker")],
            [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker"),
             MetricDimension("dataSource", "wikipedia")],
        ])
        // Everything else about the sample is unchanged.
        #expect(rollup.apply(to: sample(broker)).allSatisfy { $0.value == 12 && $0.kind == .timer && $0.name == "query/time" })
    }

    @Test func setsNotCoveredAreSkipped() {
        let rollup = DimensionRollup([["Cluster", "Service"], ["Cluster", "Service", "dataSource"]])
        let noDataSource = [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/historical")]
        // The first set equals the sample's own dimensions: not emitted twice.
        #expect(rollup.apply(to: sample(noDataSource)).map(\.dimensions) == [noDataSource])
        #expect(rollup.apply(to: sample([MetricDimension("Host", "h")])).map(\.dimensions) == [[MetricDimension("Host", "h")]])
    }

    @Test func anEmptySetRollsUpToNoDimensions() {
        let rollup = DimensionRollup([[]])
        #expect(rollup.apply(to: sample(broker)).map(\.dimensions) == [broker, []])
        #expect(rollup.apply(to: sample([])).map(\.dimensions) == [[]])
    }

    @Test func duplicateSetsCountOnce() {
        let rollup = DimensionRollup([["Service", "Cluster"], ["Cluster", "Service", "Cluster"], ["Cluster", "Service"]])
        #expect(rollup.dimensionSets == [["Service", "Cluster"]])
        #expect(rollup.apply(to: sample(broker)).count == 2)
    }

    @Test func withoutTheOriginalOnlyRollupsAreEmitted() {
        let rollup = DimensionRollup([["Cluster"], ["Cluster", "Service"]], keepsOriginal: false)
        #expect(rollup.apply(to: sample(broker)).map(\.dimensions) == [
            [MetricDimension("Cluster", "prod")],
            [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker")],
        ])
        let clusterOnly = [MetricDimension("Cluster", "prod")]
        #expect(rollup.apply(to: sample(clusterOnly)).map(\.dimensions) == [clusterOnly])
        #expect(rollup.apply(to: sample([MetricDimension("Host", "h")])).isEmpty)
    }
}
