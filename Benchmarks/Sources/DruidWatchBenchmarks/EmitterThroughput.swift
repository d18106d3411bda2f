import DruidWatchCore
import Foundation

/// Parses and aggregates the same batch over and over for at least `minimumSeconds`.
private let keptDimensions = ["dataSource", "type", "server", "memKind", "gcName"]
private let mapper = DruidEventMapper(catalog: .druidStandard)
private let commonDimensions = [MetricDimension("Cluster", "bench"), MetricDimension("InstanceId", "i-0123456789abcdef0"), MetricDimension("AutoScalingGroupName", "druid-data")]

enum EmitterThroughput {
    struct Measurement {
        var batches: Int
        var seconds: Double
        var eventsPerSecond: Double
        var series: Int
        var rejected: Int
    }

    static func measure(batch: EmitterBatchFixture, minimumSeconds: Double, aggregate: Bool) -> Measurement {
        let clock = ContinuousClock()
        var batches = 0
        var series = 0
        var rejected = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            let outcome = aggregate ? parseAndAggregate(batch.bytes) : parseOnly(batch.bytes)
            series = outcome.series
            rejected = outcome.rejected
            batches += 1
            elapsed = clock.now - start
        } while elapsed < .seconds(minimumSeconds) && batches < 1_000_000
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(batches: batches, seconds: seconds, eventsPerSecond: Double(batches * batch.events) / seconds, series: series, rejected: rejected)
    }

    static func parseOnly(_ bytes: [UInt8]) -> (series: Int, rejected: Int) {
        var parser = DruidBatchParser()
        var events = 0
        let report = bytes.withUnsafeBytes { buffer in
            parser.parse(buffer, keeping: { _ in keptDimensions }, onMetric: { _ in events += 1 }, onAlert: { _ in })
        }
        return (0, report.rejected)
    }

    /// What `EmitterIntake.accept` does per batch: parse, fold per series through the
    /// catalog, and merge the series into the shared aggregate under one lock.
    static func parseAndAggregate(_ bytes: [UInt8]) -> (series: Int, rejected: Int) {
        var parser = DruidBatchParser()
        let (batch, report) = bytes.withUnsafeBytes { parser.aggregate($0, mapper: mapper, periodSeconds: 60, onAlert: { _ in }) }
        let inbox = AggregationInbox(aggregator: PeriodAggregator(periodSeconds: 60), commonDimensions: commonDimensions)
        inbox.add(batch)
        return (inbox.openSeriesCount, report.rejected)
    }
}
