import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The generated dashboards: every dashboard passes validation, charts only metrics the agent publishes, and takes
/// cluster, namespace, region and thresholds from its parameters.
@Suite struct DruidDashboardsTests {
    static let defaults = DashboardParameters(cluster: "prod-druid", namespace: "Druid", region: "us-east-1")

    @Test func everyDashboardIsValidAndFindable() throws {
        let dashboards = DruidDashboards.all(Self.defaults)
        try DashboardValidator.check(dashboards)
        #expect(dashboards.map(\.name) == DruidDashboards.Kind.allCases.map { "druid-prod-druid-\($0.rawValue)" })
        for dashboard in dashboards {
            #expect(dashboard.body.widgets.count >= 8, "\(dashboard.name)")
            #expect(dashboard.body.variables.map(\.id) == ["cluster", "region"])
        }
    }

    /// Every searched metric is one the agent publishes: a Druid metric of the catalog,
    /// or one its host, JVM perf-data, ZooKeeper, health, emitter or delivery code names.
    @Test func everyChartedMetricIsPublishedByTheAgent() throws {
        let repository = Fixtures.repositoryRoot.appendingPathComponent("Sources")
        let sources = try ["DruidWatchSources/Host/HostMetrics.swift", "DruidWatchCore/JVM/JVMMetrics.swift", "DruidWatchSources/DruidEmitter/EmitterIntake.swift",
                           "DruidWatchCore/SelfMonitoring/AgentDeliveryFigures.swift",
                           "DruidWatchCore/Alarms/Evaluation/EvaluatorMetrics.swift"]
            .map { try String(contentsOf: repository.appendingPathComponent($0), encoding: .utf8) }
            .joined()
        let agentNames = [DruidHealthMetrics.up, DruidHealthMetrics.leader, DruidHealthMetrics.ready, DruidHealthMetrics.loadStatusPercent,
                          ZooKeeperMetrics.serving, ZooKeeperMetrics.isLeader, ZooKeeperMetrics.averageLatency, ZooKeeperMetrics.maximumLatency,
                          ZooKeeperMetrics.outstandingRequests, ZooKeeperMetrics.aliveConnections, ZooKeeperMetrics.znodeCount,
                          ZooKeeperMetrics.watchCount, ZooKeeperMetrics.ephemeralsCount, ZooKeeperMetrics.approximateDataSize,
                          ZooKeeperMetrics.openFileDescriptors, ZooKeeperMetrics.followers, ZooKeeperMetrics.syncedFollowers,
                          ZooKeeperMetrics.pendingSyncs, ZooKeeperMetrics.packetsReceived, ZooKeeperMetrics.packetsSent]
        var charted: Set<String> = []
        for dashboard in DruidDashboards.all(Self.defaults) {
            for widget in dashboard.body.widgets {
                guard case let .metric(metric) = widget.content else { continue }
                for expression in metric.metrics.compactMap(\.expression) {
                    guard let query = MetricSearch.query(in: expression), let range = query.range(of: "MetricName=\"") else { continue }
                    charted.insert(String(query[range.upperBound...].prefix { $0 != "\"" }))
                }
            }
        }
        #expect(charted.count > 80)
        for name in charted.sorted() {
            let published = MetricCatalog.druidStandard.entry(for: name) != nil || agentNames.contains(name) || sources.contains("\"\(name)") || sources.contains("(\"\(name.split(separator: "/").dropLast().joined(separator: "/"))")
            #expect(published, "\(name) is charted but the agent does not publish it")
        }
    }

    @Test func parametersReachEverySearchAndWidget() throws {
        let parameters = DashboardParameters(cluster: "other", namespace: "AWSSolutions/Druid", region: "eu-west-1", clusterDimension: "Druid.Cluster", serviceDimension: "Druid.Service")
        let json = try RenderedDashboard.all(parameters).map(\.json).joined()
        #expect(json.contains(#"Namespace=\"AWSSolutions/Druid\" MetricName=\"query/time\" \"Druid.Cluster\"=\"other\" \"Druid.Service\"=\"druid/broker\""#))
        #expect(!json.contains("us-east-1"))
        #expect(!json.contains("prod-druid"))
        #expect(!json.contains(#"\"Cluster\"="#))
    }

    @Test func thresholdsBecomeHorizontalAnnotationsAndAlarmsAStatusWidget() {
        var parameters = Self.defaults
        #expect(DruidDashboards.all(parameters).allSatisfy { dashboard in
            dashboard.body.widgets.allSatisfy { widget in
                if case let .metric(metric) = widget.content { return metric.annotations == nil }
                if case .alarmStatus = widget.content { return false }
                return true
            }
        }, "no alarm rules exist yet, so no thresholds or alarm widgets")

        parameters.thresholds = ["segment/unavailable/count": [HorizontalAnnotation(value: 0, label: "SegmentsUnavailable", color: "#d62728", fill: .above)]]
        parameters.alarmARNs = ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:SegmentsUnavailable"]
        let overview = DruidDashboards.build(.overview, parameters)
        let annotated = overview.body.widgets.compactMap { widget -> MetricWidget? in
            guard case let .metric(metric) = widget.content, metric.annotations != nil else { return nil }
            return metric
        }
        #expect(annotated.map(\.title) == ["Segments unavailable (per dataSource)"])
        #expect(annotated.first?.annotations?.horizontal?.first?.value == 0)
        #expect(overview.body.widgets.contains { if case .alarmStatus = $0.content { return true } else { return false } })
        #expect(DashboardValidator.problems(in: overview) == [])
    }

    @Test func metricRowsEncodeAsTheReferenceWritesThem() throws {
        let rows: [DashboardMetric] = [
            .metric(namespace: "AWS/EC2", name: "DiskReadBytes", dimensions: [MetricDimension("InstanceId", "i-xyz")]),
            .metric(namespace: ".", name: ".", dimensions: [MetricDimension(".", "i-abc")], options: .init(label: "abc", yAxis: .right)),
            .expression("SUM(METRICS())", options: .init(id: "e3", label: "total")),
        ]
        let data = try JSONEncoder().encode(rows)
        let decoded = try JSONSerialization.jsonObject(with: data) as? [[Any]]
        #expect(decoded?[0] as? [String] == ["AWS/EC2", "DiskReadBytes", "InstanceId", "i-xyz"])
        #expect(decoded?[1].prefix(4).compactMap { $0 as? String } == [".", ".", ".", "i-abc"])
        #expect((decoded?[1].last as? [String: String]) == ["label": "abc", "yAxis": "right"])
        #expect((decoded?[2].first as? [String: String]) == ["expression": "SUM(METRICS())", "id": "e3", "label": "total"])
    }

    @Test func outputIsStable() throws {
        #expect(try RenderedDashboard.all(Self.defaults) == RenderedDashboard.all(Self.defaults))
    }
}
