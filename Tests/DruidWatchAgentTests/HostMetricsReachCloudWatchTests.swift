import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// The foundation's vertical slice, end to end: a configuration file is parsed, the AWS
/// context is resolved from it (credentials from the environment, region and endpoint
/// from the file, identity from the file), the host source reads a /proc tree, one
/// flush goes to moto_server, and GetMetricData reads back the exact values, dimensions
/// and units.
@Suite struct HostMetricsReachCloudWatchTests {
    /// Two readings of a 2-CPU machine, 5 s apart: of 1,000 jiffies, 250 went to user,
    /// 100 to system, 600 to idle and 50 to iowait, so the CPU was 35 % active.
    static let statBefore = """
        cpu  1000 0 500 8000 100 0 0 0 0 0
        cpu0 500 0 250 4000 50 0 0 0 0 0
        cpu1 500 0 250 4000 50 0 0 0 0 0
        intr 1
        ctxt 1

        """
    static let statAfter = """
        cpu  1250 0 600 8600 150 0 0 0 0 0
        cpu0 625 0 300 4300 75 0 0 0 0 0
        cpu1 625 0 300 4300 75 0 0 0 0 0
        intr 2
        ctxt 2

        """
    /// 16 GiB of which 4 GiB available: 75 % used. 2 GiB of swap, 1.5 GiB free: 25 % used.
    static let meminfo = """
        MemTotal:       16777216 kB
        MemFree:         1048576 kB
        MemAvailable:    4194304 kB
        Buffers:          102400 kB
        Cached:          2097152 kB
        SwapTotal:       2097152 kB
        SwapFree:        1572864 kB

        """
    static let loadavg = "1.50 0.75 0.25 3/412 12345\n"
    static let netBefore = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  100 1 0 0 0 0 0 0 100 1 0 0 0 0 0 0
          ens5: 1000000 1000 2 0 0 0 0 0 500000 800 0 0 0 0 0 0

        """
    static let netAfter = """
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:  900 9 0 0 0 0 0 0 900 9 0 0 0 0 0 0
          ens5: 2000000 2000 5 1 0 0 0 0 900000 1600 0 0 0 0 0 0

        """

    @Test func oneFlushOfHostMetricsIsReadBackWithValuesDimensionsAndUnits() async throws {
        let proc = try TemporaryDirectory()
        try proc.write("stat", Self.statBefore)
        try proc.write("meminfo", Self.meminfo)
        try proc.write("loadavg", Self.loadavg)
        try proc.write("net/dev", Self.netBefore)

        try await MotoServer.with { moto in
            let yaml = """
                cluster: prod-druid
                namespace: DruidIntegration
                period: 60s
                collection_interval: 5s
                dimensions:
                  Tier: data
                identity:
                  instance_id: i-0abc1234def567890
                  auto_scaling_group: druid-data-asg
                aws:
                  region: eu-west-1
                  endpoint_url: \(moto.endpoint)
                  imds: false
                sources:
                  host:
                    proc_path: \(proc.path)
                    sys_path: \(proc.path)/sys
                """
            let config = try AgentConfigLoader.parse(yaml: yaml, file: "integration.yaml")
            let environment = ["AWS_ACCESS_KEY_ID": "AKIDINTEGRATION", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": proc.path]
            let logger = Logger(label: "integration")
            let aws = try await AWSContext.resolve(config, environment: environment, logger: logger)
            #expect(aws.region.region == "eu-west-1")
            let pipeline = AgentAssembly.pipeline(config, aws: aws, logger: logger)

            let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 120
            #expect(await pipeline.collect(at: Date(timeIntervalSince1970: minute + 5)) > 0)
            try proc.write("stat", Self.statAfter)
            try proc.write("net/dev", Self.netAfter)
            #expect(await pipeline.collect(at: Date(timeIntervalSince1970: minute + 10)) > 0)
            let report = await pipeline.flushAll()
            #expect(report.droppedTotal == 0)
            #expect(report.published > 0)

            let identity = [
                MetricDimension("Cluster", "prod-druid"),
                MetricDimension("InstanceId", "i-0abc1234def567890"),
                MetricDimension("AutoScalingGroupName", "druid-data-asg"),
                MetricDimension("Tier", "data"),
            ]
            func metric(_ name: String, _ extra: [MetricDimension] = []) -> MetricIdentity {
                MetricIdentity(namespace: "DruidIntegration", metricName: name, dimensions: identity + extra)
            }
            let ens5 = [MetricDimension("interface", "ens5")]
            let queries: [(id: String, metric: MetricIdentity, stat: String, unit: MetricUnit)] = [
                ("cpu", metric("cpu_usage_active"), "Average", .percent),
                ("user", metric("cpu_usage_user"), "Average", .percent),
                ("iowait", metric("cpu_usage_iowait"), "Average", .percent),
                ("mem", metric("mem_used_percent"), "Average", .percent),
                ("memsamples", metric("mem_used_percent"), "SampleCount", .percent),
                ("swap", metric("swap_used_percent"), "Maximum", .percent),
                ("load", metric("load1"), "Maximum", .none),
                ("errin", metric("net_err_in", ens5), "Sum", .count),
                ("memwrongunit", metric("mem_used_percent"), "Average", .bytes),
            ]
            let results = try await aws.cloudWatch.getMetricData(
                queries: queries.map { MetricDataQuery(id: $0.id, source: .metric($0.metric, periodSeconds: 60, stat: $0.stat, unit: $0.unit)) },
                start: Date(timeIntervalSince1970: minute - 60),
                end: Date(timeIntervalSince1970: minute + 120)
            )
            let values = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.points.map(\.value)) })
            #expect(values["cpu"] == [35])
            #expect(values["user"] == [25])
            #expect(values["iowait"] == [5])
            #expect(values["mem"] == [75])
            #expect(values["memsamples"] == [2])
            #expect(values["swap"] == [25])
            #expect(values["load"] == [1.5])
            #expect(values["errin"] == [3])
            // Stored as Percent, so a query for Bytes finds nothing.
            #expect(values["memwrongunit"] == [])

            // The loopback interface is ignored by default; nothing carries a Host dimension on EC2.
            let listed = try await aws.cloudWatch.listMetrics(namespace: "DruidIntegration")
            #expect(!listed.contains { $0.dimensions.contains(MetricDimension("interface", "lo")) })
            #expect(listed.allSatisfy { metric in identity.allSatisfy(metric.dimensions.contains) })
            #expect(!listed.contains { $0.dimensions.contains { $0.name == "Host" } })
        }
    }
}
