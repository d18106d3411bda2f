import DruidWatchAgent
import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// A long outage against a tiny spool, through the sink the agent assembles from its
/// configuration: the oldest batches go, counted in the agent's own metrics; the disk
/// never holds more than the bound; and every publish still returns, so the agent keeps
/// collecting.
@Suite struct SpoolBoundDuringOutageTests {
    @Test(.timeLimit(.minutes(1))) func theOldestAreDroppedAndCountedAndPublishingGoesOn() async throws {
        let directory = SpoolDirectory()
        let unreachable = try ClosedPort()
        let bound = 1 << 20
        let config = try AgentConfigLoader.parse(yaml: """
            cluster: bound-test
            namespace: BoundTest
            identity: {instance_id: none, auto_scaling_group: none, host: bound-host}
            aws: {region: us-east-1, endpoint_url: "http://127.0.0.1:\(unreachable.port)", imds: false}
            spool: {directory: \(directory.url.path), max_bytes: \(bound)}
            """, file: "bound.yaml")
        let logger = Logger(label: "bound-test")
        let aws = try await AWSContext.resolve(config, environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": "/nonexistent"], logger: logger)
        let selfMetrics = AgentSelfMetrics()
        let sink = try #require(try AgentAssembly.sink(config, aws: aws, selfMetrics: selfMetrics, logger: logger) as? SpoolingSink)

        // 60 minutes of 1,000 series each: several times what 1 MiB holds.
        let firstMinute = ((Date().timeIntervalSince1970 / 60).rounded(.down) - 60) * 60
        let periods = 60
        let seriesPerPeriod = 1_000
        for minute in 0..<periods {
            let timestamp = Date(timeIntervalSince1970: firstMinute + Double(minute * 60))
            let datums = (0..<seriesPerPeriod).map { index in
                MetricDatum(metricName: "bound/test", dimensions: [MetricDimension("Series", "s\(index)")], timestamp: timestamp, value: .single(Double(index)), unit: .count)
            }
            let report = await sink.publish(namespace: "BoundTest", datums: datums)
            #expect(report.spooled == seriesPerPeriod, "minute \(minute)")
            #expect(sink.spool.totalBytes <= bound, "minute \(minute): \(sink.spool.totalBytes) bytes spooled")
        }

        let statistics = sink.spool.statistics
        #expect(statistics.filesDroppedForSize > 0)
        let kept = sink.spool.entries.reduce(0) { $0 + $1.itemCount }
        #expect(kept + statistics.itemsDroppedForSize == periods * seriesPerPeriod)
        // What is kept is the newest: the last minute's batch is the last file.
        let newest = try #require(sink.spool.entries.last.flatMap { sink.spool.read($0) })
        #expect(newest.datums.first?.timestamp == Date(timeIntervalSince1970: firstMinute + Double((periods - 1) * 60)))
        let onDisk = ((try? FileManager.default.contentsOfDirectory(at: directory.url, includingPropertiesForKeys: [.fileSizeKey])) ?? [])
            .reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        #expect(onDisk <= bound)

        let exposition = try PrometheusTextParser().parse(bytes: selfMetrics.exposition())
        let dropped = exposition.families.flatMap(\.samples).first { $0.name == "druidwatch_datums_dropped_total" && $0.label("reason") == "spool_full" }
        #expect(dropped?.value == Double(statistics.itemsDroppedForSize))
    }
}
