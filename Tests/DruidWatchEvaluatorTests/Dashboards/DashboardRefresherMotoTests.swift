import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Logging
import Testing

/// The evaluator keeps the dashboards published against moto on loopback: all of them
/// on the first cycle, nothing while what it sees of the cluster stays the same (not
/// even when instances change), only the overview when a dataSource appears, and again
/// after a failed publish.
@Suite struct DashboardRefresherMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    static func series(_ dataSource: String, instance: String) -> MetricIdentity {
        MetricIdentity(namespace: "Druid", metricName: "query/failed/count", dimensions: [
            MetricDimension("Cluster", "prod-druid"), MetricDimension("AutoScalingGroupName", "druid-query"),
            MetricDimension("InstanceId", instance), MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", dataSource),
        ])
    }

    static func state(_ series: [MetricIdentity]) -> EvaluatorState {
        var state = EvaluatorState()
        state.discovered["DruidQueryFailureRate"] = DiscoveredSeries(series: series, at: Date())
        return state
    }

    @Test func dashboardsArePublishedWhenWhatTheEvaluatorSeesChanges() async throws {
        let rules = try AlarmRuleSetLoader.load(directory: Fixtures.repositoryRoot.appendingPathComponent("alarms"))
        let parameters = EvaluatorConfig().dashboardParameters(region: "us-east-1", rules: rules)
        try await MotoServer.with { moto in
            let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let refresher = DashboardRefresher(parameters: parameters, publisher: DashboardPublisher(cloudWatch: cloudWatch), logger: Logger(label: "test"))

            let first = refresher.fleet(of: Self.state([Self.series("wikipedia", instance: "i-1")]))
            #expect(first == DashboardFleet(services: ["druid/broker"], autoScalingGroups: ["druid-query"], dataSources: ["wikipedia"]))
            #expect(await refresher.refresh(fleet: first) == .init(built: 8, published: 8, unchanged: 0, failed: 0))
            let overview = try await cloudWatch.getDashboard(name: "druid-prod-druid-overview")
            #expect(overview.body.contains("`wikipedia`"))
            #expect(overview.body.contains("DruidwatchTierSilent"), "the paging alarms are listed on the overview")
            let query = try await cloudWatch.getDashboard(name: "druid-prod-druid-query")
            #expect(query.body.contains("DruidQueryFailureRate.md"), "the query dashboard links its alarms' runbooks")

            // Another instance of the same group: the same fleet, nothing to do.
            let scaled = refresher.fleet(of: Self.state([Self.series("wikipedia", instance: "i-1"), Self.series("wikipedia", instance: "i-2")]))
            #expect(await refresher.refresh(fleet: scaled) == nil)

            // A new dataSource: rebuilt, and only the overview's body changed.
            let grown = refresher.fleet(of: Self.state([Self.series("wikipedia", instance: "i-1"), Self.series("koalas", instance: "i-2")]))
            #expect(await refresher.refresh(fleet: grown) == .init(built: 8, published: 1, unchanged: 7, failed: 0))
            #expect(try await cloudWatch.getDashboard(name: "druid-prod-druid-overview").body.contains("`koalas`"))
        }
    }

    @Test func aFailedPublishIsTriedAgain() async throws {
        let unreachable = try ClosedPort()
        let cloudWatch = CloudWatchClient(
            http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: "http://127.0.0.1:\(unreachable.port)",
            connectTimeout: .seconds(1), requestTimeout: .seconds(2)
        )
        let parameters = DashboardParameters(cluster: "prod-druid")
        let refresher = DashboardRefresher(parameters: parameters, publisher: DashboardPublisher(cloudWatch: cloudWatch), logger: Logger(label: "test"))
        let fleet = DashboardFleet(services: ["druid/broker"])
        #expect(await refresher.refresh(fleet: fleet)?.failed == 8)
        #expect(await refresher.refresh(fleet: fleet)?.failed == 8, "a failed publish is not taken for done")
    }
}
