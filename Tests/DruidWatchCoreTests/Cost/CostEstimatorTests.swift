import Foundation
import DruidWatchTestSupport
import Testing
@testable import DruidWatchCore

/// Small fleets whose counts can be worked out by hand, and a check of the estimate
/// against the agent's own aggregation inbox fed with the series it assumes.
@Suite("Cost estimate")
struct CostEstimatorTests {
    /// Host metrics only, one file system, disk and interface: 11 + 4 + 5 + 8 = 28 a host.
    static func hostOnly(
        nodes: [ClusterTier: Int] = [.data: 2], rollups: [AggregationPlan.RollupRule] = [], highResolution: AggregationPlan.HighResolution? = nil
    ) -> CostModel {
        var sources = CostModel.Sources()
        sources.jvm = false
        sources.druidEmitter = false
        sources.druidHealth = []
        sources.agentDelivery = false
        var assumed = AssumedCardinalities()
        assumed.filesystems = 1
        assumed.disks = 1
        assumed.interfaces = 1
        return CostModel(
            plan: AggregationPlan(periodSeconds: 60, highResolution: highResolution, rollups: rollups),
            mapper: DruidEventMapper(catalog: .druidStandard),
            sources: sources,
            common: .init(names: ["Cluster", "InstanceId"], perInstance: "InstanceId"),
            collectionIntervalSeconds: 10,
            fleet: FleetLayout(nodes: nodes),
            cardinalities: assumed
        )
    }

    static let periodsPerMonth = 730 * 60

    @Test("One metric per host per series; one request a minute per host")
    func hostMetricsPerInstance() {
        let estimate = CostEstimator.estimate(Self.hostOnly())
        #expect(estimate.distinctMetrics == 56)
        #expect(estimate.requestsPerMonth == 2 * Self.periodsPerMonth)
        #expect(estimate.lines.map(\.tier) == ["data"])
        #expect(estimate.lines[0].metricsPerHost == 28)
        #expect(estimate.metricsBySource == ["host": 56])
        #expect(abs(estimate.metricUSDPerMonth - 56 * 0.30) < 1e-9)
        #expect(abs(estimate.requestUSDPerMonth - 0.876) < 1e-9)
    }

    @Test("A rollup without the instance adds one metric per series for the whole fleet, shared by the tiers")
    func rollupAcrossInstances() {
        let rollup = AggregationPlan.RollupRule(rollup: DimensionRollup([["Cluster"]]))
        let estimate = CostEstimator.estimate(Self.hostOnly(nodes: [.data: 2, .query: 3], rollups: [rollup]))
        #expect(estimate.distinctMetrics == 5 * 28 + 28)
        #expect(estimate.lines.first { $0.tier == "shared" }?.distinctMetrics == 28)
        #expect(estimate.lines.first { $0.tier == "query" }?.distinctMetrics == 84)
        // Each host still sends its share of the rolled-up series: 56 datums, one request.
        #expect(estimate.requestsPerMonth == 5 * Self.periodsPerMonth)
    }

    @Test("keep_original false leaves only the rolled-up series")
    func rollupWithoutOriginal() {
        let rollup = AggregationPlan.RollupRule(rollup: DimensionRollup([["Cluster"]], keepsOriginal: false))
        #expect(CostEstimator.estimate(Self.hostOnly(rollups: [rollup])).distinctMetrics == 28)
    }

    @Test("A set only some metrics carry adds only to those; a set keeping the instance multiplies by hosts")
    func partialRollup() {
        let perDisk = AggregationPlan.RollupRule(rollup: DimensionRollup([["Cluster", "name"]]))
        #expect(CostEstimator.estimate(Self.hostOnly(rollups: [perDisk])).distinctMetrics == 56 + 5)
        let perInstance = AggregationPlan.RollupRule(metrics: ["cpu_*"], rollup: DimensionRollup([["InstanceId"]]))
        #expect(CostEstimator.estimate(Self.hostOnly(rollups: [perInstance])).distinctMetrics == 56 + 2 * 6)
    }

    @Test("High-resolution metrics are the same metrics, sent every high-resolution period")
    func highResolution() {
        let estimate = CostEstimator.estimate(Self.hostOnly(nodes: [.data: 1], highResolution: .init(periodSeconds: 10, metrics: ["cpu_*"])))
        #expect(estimate.distinctMetrics == 28)
        // Six flushes a minute each carry the six CPU datums; the last also the other 22.
        #expect(estimate.requestsPerMonth == 6 * Self.periodsPerMonth)
    }

    @Test("Requests per period: 1,000 datums a request, every flush on its own", arguments: [
        (1_000, 0, nil as Int?, 1),
        (1_001, 0, nil, 2),
        (2_500, 0, nil, 3),
        (0, 5, 10, 6),          // one 10 s period per 10 s flush
        (0, 1_000, 30, 2),      // the 30 s periods end at the 3rd and 6th flush
        (0, 1_001, 30, 4),
        (0, 600, 5, 12),        // two 5 s periods per flush: 1,200 datums, 2 requests, 6 times
        (999, 1, 10, 6),        // the last flush: 999 + 1
        (1_000, 1, 10, 7),
    ])
    func requestsPerPeriod(main: Int, fine: Int, finePeriod: Int?, requests: Int) {
        #expect(CostEstimator.requestsPerPeriod(mainDatums: main, highResolutionDatums: fine, periodSeconds: 60,
                                                highResolutionPeriodSeconds: finePeriod, collectionIntervalSeconds: 10) == requests)
    }

    @Test("A broker alone: each always-emitted broker metric times its dimensions' assumed values")
    func brokerAlone() {
        var sources = CostModel.Sources()
        sources.host = false
        sources.jvm = false
        sources.druidHealth = []
        sources.agentDelivery = false
        var assumed = AssumedCardinalities()
        assumed.dataSources = 3
        assumed.queryTypes = 2
        var fleet = FleetLayout(nodes: [.query: 1])
        fleet.services[.query] = [.broker]
        let model = CostModel(
            plan: AggregationPlan(periodSeconds: 60), mapper: DruidEventMapper(catalog: .druidStandard), sources: sources,
            common: .init(names: ["InstanceId"], perInstance: "InstanceId"), collectionIntervalSeconds: 60,
            fleet: fleet, cardinalities: assumed, druidMonitors: [], ingestion: []
        )
        // query/time, query/bytes: dataSource × type = 6 each. query/node/{time,bytes,ttfb,backpressure},
        // serverview/sync/{healthy,unstableTime}: server = 1 (no historicals). sqlQuery/{time,planningTimeMs,bytes}
        // and metadatacache/refresh/{count,time}: 3 dataSources each. subquery/{rows,bytes},
        // metadatacache/init/time, metadatacache/schemaPoll/{count,failed,time}, serverview/init/time,
        // zk/connected, and the receiver's batches and events: one each.
        let expected = 2 * 6 + 6 * 1 + 5 * 3 + 10
        #expect(CostEstimator.estimate(model).distinctMetrics == expected)
    }

    @Test("Peons run one task at a time: their dataSources per host are capped at the peons")
    func peonCap() {
        var sources = CostModel.Sources()
        sources.host = false
        sources.jvm = false
        sources.druidHealth = []
        sources.agentDelivery = false
        var assumed = AssumedCardinalities()
        assumed.dataSources = 50
        assumed.peonsPerDataNode = 2
        var fleet = FleetLayout(nodes: [.data: 1])
        fleet.services[.data] = [.peon]
        let model = CostModel(
            plan: AggregationPlan(periodSeconds: 60), mapper: DruidEventMapper(catalog: .druidStandard), sources: sources,
            common: .init(names: ["InstanceId"], perInstance: "InstanceId"), collectionIntervalSeconds: 60,
            fleet: fleet, cardinalities: assumed, druidMonitors: [], ingestion: []
        )
        let families = CostSeriesFamilies.families(on: .data, model: model)
        let processed = families.first { $0.metric == "ingest/events/processed" }
        #expect(processed?.combinations(of: ["Service", "dataSource", "InstanceId"], instances: 1) == 2)
        #expect(processed?.combinations(of: ["Service", "dataSource"], instances: 10) == 20)
        #expect(processed?.combinations(of: ["Service", "dataSource"], instances: 100) == 50)
    }

    @Test("An opted-in query id sets the count alone: about one metric per value an hour")
    func unboundedDimension() {
        let family = SeriesFamily(source: .druidEmitter, metric: "query/time", dimensions: ["Service", "dataSource", "type", "queryId"],
                                  fixedValues: ["Service": "druid/broker"], valueCounts: ["dataSource": 10, "type": 4, "queryId": 1000])
        #expect(family.combinations(of: family.dimensions, instances: 1) == 1000)
        #expect(family.combinations(of: ["Service", "dataSource"], instances: 1) == 10)
    }

    /// Feeds the agent's `AggregationInbox` (one per instance, each with its own
    /// instance id) with every value combination the estimate assumes, and counts the
    /// distinct series that come out across the fleet.
    static func publishedSeries(_ model: CostModel) -> Int {
        var series: Set<[String]> = []
        let clock = Date(timeIntervalSince1970: 1_700_000_000)
        for tier in ClusterTier.allCases {
            for host in 0..<model.fleet.nodeCount(tier) {
                let common = model.common.names.map { name in
                    MetricDimension(name, name == model.common.perInstance ? "i-\(tier)-\(host)" : model.common.perTier.contains(name) ? "asg-\(tier)" : "prod")
                }
                let inbox = AggregationInbox(plan: model.plan, commonDimensions: common)
                for family in CostSeriesFamilies.families(on: tier, model: model) where host == 0 || !family.leaderOnly {
                    inbox.add(samples(of: family, at: clock))
                }
                for datum in inbox.drainAll() {
                    series.insert([datum.metricName] + datum.dimensions.sorted().map(\.description))
                }
            }
        }
        return series.count
    }

    /// Every combination of the family's values; a dimension that follows another takes
    /// that one's value.
    static func samples(of family: SeriesFamily, at timestamp: Date) -> [Sample] {
        var combinations: [[MetricDimension]] = [[]]
        for name in family.dimensions {
            if let fixed = family.fixedValues[name] {
                combinations = combinations.map { $0 + [MetricDimension(name, fixed)] }
            } else if let determiner = AssumedCardinalities.determinedBy[name], family.dimensions.contains(determiner) {
                combinations = combinations.map { row in row + [MetricDimension(name, "of " + (row.first { $0.name == determiner }?.value ?? ""))] }
            } else {
                let count = family.valueCounts[name] ?? 1
                let domain = family.valueDomains[name] ?? "druid"
                combinations = combinations.flatMap { row in (0..<count).map { row + [MetricDimension(name, "\(name)-\(domain)-\($0)")] } }
            }
        }
        return combinations.map { Sample(name: family.metric, dimensions: $0, value: 1, kind: .gauge, timestamp: timestamp) }
    }

    static func wholeAgent(rollups: [AggregationPlan.RollupRule]) -> CostModel {
        var sources = CostModel.Sources()
        sources.jvmIncludesNonDruid = true
        var assumed = AssumedCardinalities()
        assumed.peonsPerDataNode = 0  // the per-task cap is checked on its own
        assumed.dataSources = 3
        return CostModel(
            plan: AggregationPlan(periodSeconds: 60, rollups: rollups),
            mapper: DruidEventMapper(catalog: .druidStandard),
            sources: sources,
            common: .init(names: ["Cluster", "InstanceId", "AutoScalingGroupName"], perInstance: "InstanceId", perTier: ["AutoScalingGroupName"]),
            collectionIntervalSeconds: 10,
            fleet: FleetLayout(nodes: [.master: 2, .data: 2, .query: 2, .zookeeper: 3]),
            cardinalities: assumed,
            druidMonitors: ["JvmMonitor", "ServiceStatusMonitor", "QueryCountStatsMonitor"]
        )
    }

    @Test("The count equals the distinct series the agent's aggregation inbox publishes", arguments: [
        [] as [AggregationPlan.RollupRule],
        [AggregationPlan.RollupRule(rollup: DimensionRollup([["Cluster", "Service"], ["Cluster"]]))],
        [AggregationPlan.RollupRule(metrics: ["query/*", "jvm/*"], rollup: DimensionRollup([["Cluster", "Service", "dataSource"], ["AutoScalingGroupName"]], keepsOriginal: false)),
         AggregationPlan.RollupRule(rollup: DimensionRollup([["InstanceId", "Service"]]))],
    ])
    func matchesTheInbox(rollups: [AggregationPlan.RollupRule]) {
        let model = Self.wholeAgent(rollups: rollups)
        #expect(CostEstimator.estimate(model).distinctMetrics == Self.publishedSeries(model))
    }

    @Test("The agent's delivery figures add two standing series a host, its loss and error counters none")
    func agentDelivery() {
        var model = Self.hostOnly(nodes: [.data: 3, .query: 2])
        let without = CostEstimator.estimate(model)
        model.sources.agentDelivery = true
        let with = CostEstimator.estimate(model)
        #expect(with.distinctMetrics - without.distinctMetrics == 2 * 5)
        #expect(with.metricsBySource["druidwatch"] == 2 * 5)
    }

    @Test("Top contributors name the metrics and the dimensions that drive the count")
    func contributors() {
        let estimate = CostEstimator.estimate(Self.hostOnly(nodes: [.data: 4]))
        #expect(estimate.topDimensions.first?.name == "InstanceId")
        #expect(estimate.topDimensions.first?.metrics == 4 * 28 - 28)
        #expect(estimate.topMetrics.count == CostEstimator.topContributors)
        #expect(estimate.topMetrics.allSatisfy { $0.metrics == 4 })
    }

    @Test("The table names every tier, the total and the notes")
    func report() {
        let model = Self.hostOnly()
        let text = CostReport.render(CostEstimator.estimate(model), fleet: model.fleet, prices: model.prices)
        #expect(text.contains("data       2            28                56          87,600   $17.68"))
        #expect(text.contains("total"))
        #expect(text.contains("$0.30 up to 10,000"))
        #expect(text.contains("notes:"))
    }
}

@Suite("Cost estimate against the sources")
struct CostSeriesFamiliesTests {
    @Test("A JVM's series are those JVMMetrics makes from a real G1 perf-data file")
    func jvmMatchesPerfData() throws {
        let reading = try PerfDataParser.parse(PerfDataFixture.bytes("g1.hsperfdata"))
        let samples = JVMMetrics.samples(previous: reading, current: reading, elapsedSeconds: 10, timestamp: Date())
        let published = Set(samples.map { [$0.name] + $0.dimensions.map(\.name) })
        let assumed = CostSeriesFamilies.jvm(serviceName: "druid/broker")
        #expect(samples.count == assumed.reduce(0) { $0 + $1.combinations(of: $1.dimensions, instances: 1) })
        #expect(published == Set(assumed.map { [$0.metric] + $0.dimensions.filter { $0 != "Service" } }))
    }

    @Test("A serving ZooKeeper leader's series are those ZooKeeperMetrics makes")
    func zooKeeperMatches() throws {
        let stats = try MntrParser.parse(String(decoding: try Data(contentsOf: Fixtures.url("zookeeper/mntr-leader.txt")), as: UTF8.self))
        let samples = ZooKeeperMetrics.samples(previous: stats, current: stats, timestamp: Date())
        #expect(Set(samples.map(\.name)) == Set(CostSeriesFamilies.zookeeper(serving: true).map(\.metric)))
        #expect(Set(ZooKeeperMetrics.samples(previous: nil, current: nil, timestamp: Date()).map(\.name))
                == Set(CostSeriesFamilies.zookeeper(serving: false).map(\.metric)))
    }
}
