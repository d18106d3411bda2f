import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// A real ZooKeeper (Debian's package, on loopback ports) is also a real JVM: the agent,
/// configured as on a ZooKeeper instance, publishes both its ZooKeeper figures and that
/// JVM's perf-data figures to moto, read back with GetMetricData.
@Suite(.enabled(if: ZooKeeperTestServer.isInstalled, "needs Debian's zookeeper package (make test installs it)"))
struct RealJVMAndZooKeeperReachCloudWatchTests {
    @Test(.timeLimit(.minutes(3)))
    func zooKeeperAndItsJVMArePublished() async throws {
        try await MotoServer.with { moto in
            try await ZooKeeperTestServer.with { zookeeper in
                let yaml = """
                    cluster: zk-test
                    namespace: DruidZooKeeperIntegration
                    identity:
                      instance_id: i-0zk
                      auto_scaling_group: druid-zookeeper-asg
                    aws:
                      region: us-east-1
                      endpoint_url: \(moto.endpoint)
                      imds: false
                    sources:
                      host:
                        enabled: false
                      druid_emitter:
                        enabled: false
                      druid_health:
                        enabled: false
                      jvm:
                        include_non_druid: true
                      zookeeper:
                        enabled: true
                        client_port: \(zookeeper.clientPort)
                        admin_url: \(zookeeper.adminURL)
                    """
                let config = try AgentConfigLoader.parse(yaml: yaml, file: "zookeeper.yaml")
                let logger = Logger(label: "integration")
                let aws = try await AWSContext.resolve(config, environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "HOME": "/nonexistent"], logger: logger)
                let pipeline = AgentAssembly.pipeline(config, aws: aws, logger: logger)
                let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 120
                await pipeline.collect(at: Date(timeIntervalSince1970: minute + 1))
                try await Task.sleep(for: .milliseconds(500))
                await pipeline.collect(at: Date(timeIntervalSince1970: minute + 2))
                let report = await pipeline.flushAll()
                #expect(report.droppedTotal == 0)

                let common = [MetricDimension("Cluster", "zk-test"), MetricDimension("InstanceId", "i-0zk"), MetricDimension("AutoScalingGroupName", "druid-zookeeper-asg")]
                let jvm = [MetricDimension("Service", "jvm/QuorumPeerMain")]
                func query(_ id: String, _ name: String, _ dimensions: [MetricDimension], _ stat: String) -> MetricDataQuery {
                    MetricDataQuery(id: id, source: .metric(MetricIdentity(namespace: "DruidZooKeeperIntegration", metricName: name, dimensions: common + dimensions), periodSeconds: 60, stat: stat, unit: nil))
                }
                let results = try await aws.cloudWatch.getMetricData(queries: [
                    query("serving", "zookeeper/serving", [], "Minimum"),
                    query("znodes", "zookeeper/znode_count", [], "Maximum"),
                    query("heap", "jvm/mem/used", jvm + [MetricDimension("memKind", "heap")], "Maximum"),
                    query("threads", "jvm/threads/live", jvm, "Maximum"),
                ], start: Date(timeIntervalSince1970: minute - 60), end: Date(timeIntervalSince1970: minute + 120))
                let values = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.points.map(\.value)) })
                #expect(values["serving"] == [1])
                #expect((values["znodes"]?.first ?? 0) >= 1)
                #expect((values["heap"]?.first ?? 0) > 0)
                #expect((values["threads"]?.first ?? 0) > 5)
            }
        }
    }
}
