import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// Druid's side of the vertical slice: the sample batches are POSTed over real HTTP to
/// the agent's receiver (as `druid.emitter=http` would), one flush goes to moto, and
/// GetMetricData returns the aggregated values per catalog dimension.
@Suite struct DruidEmitterReachesCloudWatchTests {
    @Test func postedBatchesArePublishedAggregatedPerCatalogDimensions() async throws {
        try await MotoServer.with { moto in
            let yaml = """
                cluster: prod-druid
                namespace: DruidEmitterIntegration
                identity:
                  instance_id: i-0abc1234def567890
                  auto_scaling_group: druid-query-asg
                aws:
                  region: us-east-1
                  endpoint_url: \(moto.endpoint)
                  imds: false
                sources:
                  host:
                    enabled: false
                  druid_emitter:
                    listen: 127.0.0.1:0
                """
            let config = try AgentConfigLoader.parse(yaml: yaml, file: "emitter.yaml")
            let logger = Logger(label: "integration")
            let aws = try await AWSContext.resolve(config, environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": "/nonexistent"], logger: logger)
            let pipeline = AgentAssembly.pipeline(config, aws: aws, logger: logger)
            let receiver = try #require(AgentAssembly.emitterReceiver(config, pipeline: pipeline, logger: logger))
            let port = try await receiver.start()
            let http = CurlHTTPClient()
            // The samples were captured at 2026-11-20T10:00; CloudWatch takes nothing older
            // than two weeks, so they are moved to the start of an hour two hours ago.
            let hour = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / 3600).rounded(.down) - 2) * 3600)
            let formatter = ISO8601DateFormatter()
            let recentHourPrefix = String(formatter.string(from: hour).prefix(14))  // "yyyy-MM-ddTHH:"
            for sample in ["http-emitter-array.json", "http-emitter-newlines.txt"] {
                let captured = try String(contentsOf: Fixtures.url("druid/\(sample)"), encoding: .utf8)
                let body = Data(captured.replacingOccurrences(of: "\"timestamp\":\"2026-11-20T10:", with: "\"timestamp\":\"\(recentHourPrefix)").utf8)
                let response = try await http.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)/", headers: [HTTPHeader("Content-Type", "application/json")], body: body))
                #expect(response.status == 200)
            }
            try await receiver.stop()
            let report = await pipeline.flushAll()
            #expect(report.droppedTotal == 0)

            let common = [MetricDimension("Cluster", "prod-druid"), MetricDimension("InstanceId", "i-0abc1234def567890"), MetricDimension("AutoScalingGroupName", "druid-query-asg")]
            func query(_ id: String, _ name: String, _ dimensions: [MetricDimension], _ stat: String, _ unit: MetricUnit) -> MetricDataQuery {
                MetricDataQuery(id: id, source: .metric(MetricIdentity(namespace: "DruidEmitterIntegration", metricName: name, dimensions: common + dimensions), periodSeconds: 60, stat: stat, unit: unit))
            }
            let broker = MetricDimension("Service", "druid/broker")
            let wikipediaTimeseries = [broker, MetricDimension("dataSource", "wikipedia"), MetricDimension("type", "timeseries")]
            let start = hour.addingTimeInterval(-600)
            let results = try await aws.cloudWatch.getMetricData(queries: [
                query("qmax", "query/time", wikipediaTimeseries, "Maximum", .milliseconds),
                query("qmin", "query/time", wikipediaTimeseries, "Minimum", .milliseconds),
                query("qn", "query/time", wikipediaTimeseries, "SampleCount", .milliseconds),
                query("failed", "query/failed/count", [broker], "Sum", .count),
                query("alerts", "druid/alerts", [MetricDimension("Service", "druid/historical"), MetricDimension("Severity", "component-failure")], "Sum", .count),
            ], start: start, end: start.addingTimeInterval(1800))
            let values = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.points.map(\.value)) })
            // Two posts of the same batch: each wikipedia/timeseries query (1210 ms and 48 ms) twice.
            #expect(values["qmax"] == [1210])
            #expect(values["qmin"] == [48])
            #expect(values["qn"] == [4])
            #expect(values["alerts"] == [2])
            #expect(values["failed"]?.count == 1)

            let listed = try await aws.cloudWatch.listMetrics(namespace: "DruidEmitterIntegration")
            #expect(listed.contains { $0.metricName == "jvm/mem/used" })
            #expect(!listed.contains { metric in metric.dimensions.contains { ["id", "queryId", "remoteAddress", "host"].contains($0.name) } })
        }
    }
}
