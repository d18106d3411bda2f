import DruidWatchCore
import Testing

@Suite("Which Druid services emit which catalog metrics")
struct DruidMetricOriginsTests {
    @Test("Every catalog metric is either emitted by some service or left out with a reason")
    func everyCatalogMetricHasADecision() {
        let everything = Set(DruidMetricOrigins.knownMonitors)
        for entry in MetricCatalog.druidStandard.entries {
            let emitted = !DruidMetricOrigins.emitters(of: entry.name, monitors: everything, ingestion: ["kafka", "kinesis"]).isEmpty
            let leftOut = DruidMetricOrigins.uncounted.contains { $0.metrics.matches(entry.name) }
            #expect(emitted != leftOut, "\(entry.name): emitted \(emitted), left out \(leftOut)")
        }
    }

    @Test("Every rule names metrics the catalog has")
    func everyRuleMatchesTheCatalog() {
        for origin in DruidMetricOrigins.standard {
            for pattern in origin.metrics.patterns {
                #expect(MetricCatalog.druidStandard.entries.contains { GlobList([pattern]).matches($0.name) }, "\(pattern)")
            }
        }
    }

    @Test("Monitors and ingestion gate their metrics; query metrics need neither")
    func triggers() {
        #expect(DruidMetricOrigins.emitters(of: "jvm/mem/used", monitors: [], ingestion: []).isEmpty)
        #expect(DruidMetricOrigins.emitters(of: "jvm/mem/used", monitors: ["JvmMonitor"], ingestion: []).count == DruidServiceKind.allCases.count)
        #expect(DruidMetricOrigins.emitters(of: "ingest/kafka/lag", monitors: [], ingestion: ["kinesis"]).isEmpty)
        #expect(DruidMetricOrigins.emitters(of: "ingest/kafka/lag", monitors: [], ingestion: ["kafka"]).map(\.service) == [.overlord])
        #expect(DruidMetricOrigins.emitters(of: "query/time", monitors: [], ingestion: []).map(\.service) == [.broker, .historical, .peon, .router])
    }

    @Test("Coordinator duties are the leader's; a metric some rule emits everywhere is not")
    func leaders() {
        #expect(DruidMetricOrigins.emitters(of: "segment/unavailable/count", monitors: [], ingestion: []).map(\.leaderOnly) == [true])
        let heartbeat = DruidMetricOrigins.emitters(of: "service/heartbeat", monitors: ["ServiceStatusMonitor"], ingestion: [])
        #expect(heartbeat.allSatisfy { !$0.leaderOnly })
        #expect(heartbeat.first { $0.service == .coordinator }?.carried == ["leader"])
        #expect(heartbeat.first { $0.service == .broker }?.carried == [])
    }
}
