import DruidWatchCore
import Foundation

/// A deterministic generator, so that every run (and the Python peer, which reads the
/// same datums from a file) measures exactly the same mix.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// One minute of a busy Druid cluster as the agent publishes it: the datums come out of
/// the agent's own `PeriodAggregator`, so timers carry the bucket means and counts
/// (at most 150) and gauges the statistic sets the agent really sends.
///
/// The mix, by datum: 40 % counters (a single Value), 30 % gauges (StatisticValues
/// from six readings), 30 % timers (Values/Counts folded from a log-uniform 1 to
/// 1,000 query times each, log-normal around 120 ms). Every datum carries 3 to 6
/// dimensions: Cluster, Service and InstanceId, plus the catalog's own for the metric
/// (dataSource, type, server, tier, priority, memKind, taskType).
enum DatumMix {
    static let namespace = "Druid"

    private struct SeriesShape: Sendable {
        var name: String
        var kind: SampleKind
        var unit: MetricUnit
        var extraDimensions: @Sendable (_ dataSource: String, _ index: Int) -> [MetricDimension]
    }

    private static let counters: [SeriesShape] = [
        SeriesShape(name: "query/count", kind: .counter, unit: .count) { _, _ in [] },
        SeriesShape(name: "query/success/count", kind: .counter, unit: .count) { _, _ in [] },
        SeriesShape(name: "query/failed/count", kind: .counter, unit: .count) { _, _ in [] },
        SeriesShape(name: "query/node/bytes", kind: .counter, unit: .bytes) { _, index in
            [MetricDimension("server", "10.0.\(index % 16).\(index % 200 + 10):8283")]
        },
        SeriesShape(name: "ingest/events/processed", kind: .counter, unit: .count) { dataSource, index in
            [MetricDimension("dataSource", dataSource), MetricDimension("taskType", index.isMultiple(of: 2) ? "index_kafka" : "index_parallel")]
        },
    ]

    private static let gauges: [SeriesShape] = [
        SeriesShape(name: "segment/used", kind: .gauge, unit: .bytes) { dataSource, index in
            [MetricDimension("dataSource", dataSource), MetricDimension("tier", index.isMultiple(of: 3) ? "_default_tier" : "hot"), MetricDimension("priority", "0")]
        },
        SeriesShape(name: "jvm/mem/used", kind: .gauge, unit: .bytes) { _, index in
            [MetricDimension("memKind", index.isMultiple(of: 2) ? "heap" : "nonheap")]
        },
        SeriesShape(name: "segment/scan/pending", kind: .gauge, unit: .count) { _, _ in [] },
    ]

    private static let timers: [SeriesShape] = [
        SeriesShape(name: "query/time", kind: .timer, unit: .milliseconds) { dataSource, index in
            [MetricDimension("dataSource", dataSource), MetricDimension("type", ["timeseries", "groupBy", "topN", "scan"][index % 4])]
        },
        SeriesShape(name: "query/cpu/time", kind: .timer, unit: .microseconds) { dataSource, index in
            [MetricDimension("dataSource", dataSource), MetricDimension("type", ["timeseries", "groupBy", "topN", "scan"][index % 4])]
        },
        SeriesShape(name: "query/node/time", kind: .timer, unit: .milliseconds) { _, index in
            [MetricDimension("server", "10.0.\(index % 16).\(index % 200 + 10):8283")]
        },
        SeriesShape(name: "query/segment/time", kind: .timer, unit: .milliseconds) { _, _ in [] },
        SeriesShape(name: "query/wait/time", kind: .timer, unit: .milliseconds) { _, _ in [] },
    ]

    private static let services = ["druid/broker", "druid/historical", "druid/middleManager", "druid/coordinator", "druid/router"]

    /// `count` datums of the mix for the minute starting at `periodStart`.
    static func datums(count: Int, periodStart: Date, seed: UInt64 = 0x5EED) -> [MetricDatum] {
        var random = SplitMix64(seed: seed)
        let counterCount = count * 4 / 10
        let gaugeCount = count * 3 / 10
        let timerCount = count - counterCount - gaugeCount
        var aggregator = PeriodAggregator(periodSeconds: 60, maximumSeriesPerPeriod: max(50_000, count))
        for (shapes, seriesCount) in [(counters, counterCount), (gauges, gaugeCount), (timers, timerCount)] {
            for index in 0..<seriesCount {
                let shape = shapes[index % shapes.count]
                // Each (shape, index) pair is a distinct series: the index picks the
                // instance, service and dataSource so that no two collide.
                let instance = index / shapes.count
                let dataSource = "datasource_\(String(format: "%03d", instance % 400))"
                let dimensions = [
                    MetricDimension("Cluster", "prod-druid"),
                    MetricDimension("Service", services[instance % services.count]),
                    MetricDimension("InstanceId", String(format: "i-%017x", 0x0AB0_0000 + instance)),
                ] + shape.extraDimensions(dataSource, instance)
                for value in values(for: shape.kind, using: &random) {
                    aggregator.add(Sample(name: shape.name, dimensions: dimensions, value: value, unit: shape.unit, kind: shape.kind, timestamp: periodStart))
                }
            }
        }
        return aggregator.drainAll()
    }

    private static func values(for kind: SampleKind, using random: inout SplitMix64) -> [Double] {
        switch kind {
        case .counter:
            return [Double(Int.random(in: 0...50_000, using: &random))]
        case .gauge:
            let level = Double.random(in: 1e6...1e11, using: &random)
            return (0..<6).map { _ in (level * Double.random(in: 0.95...1.05, using: &random)).rounded() }
        case .timer:
            let queries = Int(exp(Double.random(in: 0...log(1_000.0), using: &random)).rounded())
            return (0..<max(1, queries)).map { _ in
                // Box-Muller: a log-normal query time in whole milliseconds, as Druid reports it.
                let normal = sqrt(-2 * log(Double.random(in: Double.ulpOfOne...1, using: &random))) * cos(2 * .pi * Double.random(in: 0...1, using: &random))
                return max(1, (120 * exp(normal)).rounded())
            }
        }
    }

    struct Shape {
        var counters = 0
        var gauges = 0
        var timers = 0
        var timerValues = 0
        var dimensions = 0

        var averageValuesPerTimer: Double { timers == 0 ? 0 : Double(timerValues) / Double(timers) }
    }

    static func describe(_ datums: [MetricDatum]) -> Shape {
        var shape = Shape()
        for datum in datums {
            shape.dimensions += datum.dimensions.count
            switch datum.value {
            case .single: shape.counters += 1
            case .statistics: shape.gauges += 1
            case let .distribution(values, _):
                shape.timers += 1
                shape.timerValues += values.count
            }
        }
        return shape
    }
}
