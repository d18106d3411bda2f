import DruidWatchConfig
import DruidWatchCore
import Testing

/// `cost:`: the fleet, the assumptions and the prices of the estimate.
@Suite struct CostConfigTests {
    @Test func everyFieldIsRead() throws {
        let config = try AgentConfigLoader.parse(yaml: """
            cost:
              nodes: {master: 3, data: 10, query: 2, zookeeper: 3}
              services:
                data: [historical, middleManager]
              cardinalities:
                data_sources: 40
                tiers: 2
                task_types: 3
                peons_per_data_node: 6
                query_types: 5
                filesystems: 3
                disks: 4
                interfaces: 2
                high_cardinality: 5000
                other: 7
                dimensions: {partition: 12}
              druid_monitors: [org.apache.druid.java.util.metrics.JvmMonitor, QueryCountStatsMonitor]
              ingestion: [kinesis]
              prices:
                metrics:
                  - {up_to: 10000, usd: 0.33}
                  - {usd: 0.11}
                put_metric_data_per_1000: 0.012
            """, file: "agent.yaml")
        let cost = config.cost
        #expect(cost.nodes == [.master: 3, .data: 10, .query: 2, .zookeeper: 3])
        #expect(cost.fleet.services(on: .data) == [.historical, .middleManager])
        #expect(cost.fleet.services(on: .query) == [.broker, .router])
        var assumed = AssumedCardinalities()
        assumed.dataSources = 40
        assumed.tiers = 2
        assumed.taskTypes = 3
        assumed.peonsPerDataNode = 6
        assumed.queryTypes = 5
        assumed.filesystems = 3
        assumed.disks = 4
        assumed.interfaces = 2
        assumed.highCardinalityValues = 5000
        assumed.otherDimensionValues = 7
        assumed.dimensions = ["partition": 12]
        #expect(cost.cardinalities == assumed)
        #expect(cost.druidMonitors == ["JvmMonitor", "QueryCountStatsMonitor"])
        #expect(cost.ingestion == ["kinesis"])
        #expect(cost.prices == CloudWatchPriceList(metricTiers: [.init(upTo: 10_000, usdPerMetric: 0.33), .init(upTo: nil, usdPerMetric: 0.11)],
                                                   usdPerThousandRequests: 0.012))
    }

    @Test func defaultsAreOneOfEachDruidTierAtUSEast1Prices() throws {
        let cost = try AgentConfigLoader.parse(yaml: "cluster: c\n", file: "agent.yaml").cost
        #expect(cost.nodes == [.master: 1, .data: 1, .query: 1, .zookeeper: 0])
        #expect(cost.prices == .usEast1)
        #expect(cost.druidMonitors == ["JvmMonitor", "ServiceStatusMonitor"])
        #expect(cost.cardinalities == AssumedCardinalities())
    }

    static let invalid: [InvalidCase] = [
        InvalidCase("cost:\n  nodes: {master: -1}\n", "agent.yaml:2: cost.nodes.master: must be a whole number from 0 to 10000000"),
        InvalidCase("cost:\n  nodes: {datta: 3}\n",
                    "agent.yaml:2: cost.nodes.datta: unknown key 'datta' (did you mean 'data'?); allowed: master, data, query, zookeeper"),
        InvalidCase("cost:\n  services:\n    query: [broker, gateway]\n",
                    "agent.yaml:3: cost.services.query[1]: unknown Druid service 'gateway'; allowed: coordinator, overlord, broker, historical, middleManager, peon, router, indexer"),
        InvalidCase("cost:\n  cardinalities:\n    data_sources: 0\n", "agent.yaml:3: cost.cardinalities.data_sources: must be a whole number from 1 to 10000000"),
        InvalidCase("cost:\n  cardinalities:\n    dimensions: {partition: many}\n",
                    "agent.yaml:3: cost.cardinalities.dimensions.partition: must be a whole number from 1 to 10000000"),
        InvalidCase("cost:\n  druid_monitors: [JvmMonitor, FooMonitor]\n",
                    "agent.yaml:2: cost.druid_monitors[1]: unknown Druid monitor 'FooMonitor'; the estimate knows: " + DruidMetricOrigins.knownMonitors.joined(separator: ", ")),
        InvalidCase("cost:\n  ingestion: [pulsar]\n", "agent.yaml:2: cost.ingestion[0]: unknown streaming ingestion 'pulsar'; allowed: kafka, kinesis"),
        InvalidCase("cost:\n  prices:\n    metrics: []\n", "agent.yaml:3: cost.prices.metrics: must list at least one price band, such as {usd: 0.30}"),
        InvalidCase("cost:\n  prices:\n    metrics:\n      - {usd: 0.30}\n      - {up_to: 10, usd: 0.1}\n",
                    "agent.yaml:4: cost.prices.metrics[0]: needs up_to: only the last band is open-ended"),
        InvalidCase("cost:\n  prices:\n    metrics:\n      - {up_to: 100, usd: 0.30}\n      - {up_to: 100, usd: 0.1}\n",
                    "agent.yaml:5: cost.prices.metrics[1].up_to: must be more than the previous band's up_to (100)"),
        InvalidCase("cost:\n  prices:\n    metrics:\n      - {up_to: 100}\n",
                    "agent.yaml:4: cost.prices.metrics[0]: needs usd: the monthly price of one metric in this band"),
        InvalidCase("cost:\n  prices:\n    put_metric_data_per_1000: -0.01\n",
                    "agent.yaml:3: cost.prices.put_metric_data_per_1000: must be an amount in US dollars, zero or more, such as 0.30"),
        InvalidCase("cost:\n  budget: 100\n",
                    "agent.yaml:2: cost.budget: unknown key 'budget'; allowed: nodes, services, cardinalities, druid_monitors, ingestion, prices"),
    ]

    @Test(arguments: invalid)
    func invalidCost(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }
}

/// check-config's warnings: valid settings that would multiply the bill.
@Suite struct CostWarningTests {
    func warnings(_ yaml: String) throws -> [String] {
        try AgentConfigLoader.check(yaml: yaml, file: "agent.yaml").warnings.map(\.description)
    }

    @Test func theDefaultConfigurationHasNone() throws {
        #expect(try warnings("cluster: prod\n").isEmpty)
        #expect(try warnings("cluster: prod\ncost:\n  nodes: {master: 3, data: 10, query: 2, zookeeper: 3}\n").isEmpty)
    }

    @Test func anOptedInQueryIdIsFlaggedWhereItIsKept() throws {
        let found = try warnings("""
            sources:
              druid_emitter:
                extra_dimensions:
                  "query/time": [hasFilters, queryId]
                allow_high_cardinality: [queryId]
            """)
        // On one instance of each tier that more than triples the bill, which is said too.
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("agent.yaml:1: (estimate): warning: estimated $"))
        #expect(found[1].hasPrefix("agent.yaml:4: sources.druid_emitter.extra_dimensions.query/time[1]: warning: keeps 'queryId' on query/time"))
        // Broker, historical, peon and router: 1,000 an hour each in place of dataSource ×
        // type × hasFilters (10 × 4 × 3, and 4 × 4 × 3 on the peon's four tasks): 4,000 − 408.
        #expect(found[1].contains("about 3,592 more CloudWatch metrics"))
    }

    @Test func anOptInNothingUsesAndAnIdThatIsDroppedAreFlagged() throws {
        #expect(try warnings("""
            sources:
              druid_emitter:
                extra_dimensions:
                  "task/run/time": [taskId]
                allow_high_cardinality: [remoteAddress]
            """) == [
            "agent.yaml:4: sources.druid_emitter.extra_dimensions.task/run/time[0]: warning: 'taskId' is dropped: it has a value per query, task or segment and is not in allow_high_cardinality (listing it there makes one CloudWatch metric per value)",
            "agent.yaml:5: sources.druid_emitter.allow_high_cardinality[0]: warning: opts in to 'remoteAddress', a value per query, task or segment: any extra_dimensions entry that keeps it makes one CloudWatch metric per value",
        ])
    }

    @Test func aRollupToAnIdIsFlagged() throws {
        #expect(try warnings("""
            aggregation:
              rollups:
                - metrics: ["query/*"]
                  dimension_sets: [[Cluster, Service], [Cluster, segment]]
            """) == [
            "agent.yaml:4: aggregation.rollups[0].dimension_sets[1]: warning: rolls up to 'segment', a value per query, task or segment: one CloudWatch metric per value",
        ])
    }

    @Test("A bill several times the default configuration's on the same fleet is flagged")
    func multipliedBill() throws {
        let found = try warnings("""
            cost:
              cardinalities: {data_sources: 50}
              druid_monitors: [JvmMonitor, ServiceStatusMonitor, OshiSysMonitor, JettyMonitor, CacheMonitor, QueryCountStatsMonitor, HistoricalMetricsMonitor]
            sources:
              druid_emitter:
                extra_dimensions:
                  "query/time": [hasFilters, numDimensions, threshold, dimension]
            """)
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("agent.yaml:1: (estimate): warning: estimated $"))
        #expect(found[0].contains("× the default configuration's"))
        #expect(found[0].contains("query/time"))
    }

    @Test func errorsStillComeFirst() {
        #expect(throws: ConfigError.self) { try AgentConfigLoader.check(yaml: "period: 7s\n", file: "agent.yaml") }
    }
}
