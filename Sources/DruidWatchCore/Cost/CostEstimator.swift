/// Counts the CloudWatch custom metrics, PutMetricData requests and dollars a month that
/// a configuration produces on a fleet.
///
/// It follows the agent's data path rather than a formula of its own: each source's
/// series on one instance of a tier (`CostSeriesFamilies`), then the common dimensions
/// stamped as `AggregationInbox` stamps them, then the plan's route (high resolution,
/// and `DimensionRollup.dimensionLists`, the agent's own code, on placeholder values).
/// A series that keeps the per-instance dimension is one metric per instance; one that
/// drops it is one metric however many instances publish into it, and is counted once
/// across tiers when tiers publish into the same series.
public enum CostEstimator {
    /// AWS bills a month as 730 hours.
    public static let hoursPerMonth = 730
    public static let topContributors = 10

    private struct SeriesIdentity: Hashable {
        var metric: String
        var dimensions: [MetricDimension]
    }

    private struct Tally {
        var metrics = 0
        var tiers: Set<ClusterTier> = []
        var source: CostSource
        /// Distinct values of each dimension among the series (for what leaving one out saves).
        var valueCounts: [String: Int]
    }

    public static func estimate(_ model: CostModel) -> CostEstimate {
        var tallies: [SeriesIdentity: Tally] = [:]
        var requestsByTier: [ClusterTier: Int] = [:]
        let periodSeconds = model.plan.periodSeconds
        let periodsPerMonth = hoursPerMonth * 3600 / periodSeconds

        for tier in ClusterTier.allCases {
            let hosts = model.fleet.nodeCount(tier)
            guard hosts > 0 else { continue }
            var follower = (main: 0, highResolution: 0)
            var leader = (main: 0, highResolution: 0)
            for family in CostSeriesFamilies.families(on: tier, model: model) {
                let route = model.plan.route(metricName: family.metric)
                let sample = placeholderDimensions(family, tier: tier, common: model.common)
                let lists = route.rollup?.dimensionLists(for: sample) ?? [sample]
                for list in lists {
                    let names = list.map(\.name)
                    let perInstance = model.common.perInstance.map(names.contains) ?? false
                    let publishers = family.leaderOnly ? 1 : hosts
                    let datumsPerHost = family.combinations(of: names, instances: 1)
                    if route.highResolution {
                        leader.highResolution += datumsPerHost
                        if !family.leaderOnly { follower.highResolution += datumsPerHost }
                    } else {
                        leader.main += datumsPerHost
                        if !family.leaderOnly { follower.main += datumsPerHost }
                    }
                    let metrics = perInstance
                        ? SeriesFamily.saturatingProduct(publishers, datumsPerHost)
                        : family.combinations(of: names, instances: publishers)
                    let identity = SeriesIdentity(metric: family.metric, dimensions: list.sorted())
                    var tally = tallies[identity] ?? Tally(source: family.source, valueCounts: [:])
                    tally.metrics = max(tally.metrics, metrics)
                    tally.tiers.insert(tier)
                    for name in names {
                        if let determiner = AssumedCardinalities.determinedBy[name], names.contains(determiner) { continue }
                        let values = name == model.common.perInstance ? publishers : (family.valueCounts[name] ?? 1)
                        tally.valueCounts[name] = max(tally.valueCounts[name] ?? 1, values)
                    }
                    tallies[identity] = tally
                }
            }
            let interval = model.collectionIntervalSeconds
            let highResolutionPeriod = model.plan.highResolution?.periodSeconds
            let followerRequests = requestsPerPeriod(mainDatums: follower.main, highResolutionDatums: follower.highResolution,
                                                     periodSeconds: periodSeconds, highResolutionPeriodSeconds: highResolutionPeriod,
                                                     collectionIntervalSeconds: interval)
            let leaderRequests = requestsPerPeriod(mainDatums: leader.main, highResolutionDatums: leader.highResolution,
                                                   periodSeconds: periodSeconds, highResolutionPeriodSeconds: highResolutionPeriod,
                                                   collectionIntervalSeconds: interval)
            requestsByTier[tier] = ((hosts - 1) * followerRequests + leaderRequests) * periodsPerMonth
        }
        return summarize(tallies: tallies, requestsByTier: requestsByTier, model: model)
    }

    /// The sample as the aggregation inbox sees it: the family's own dimensions, then
    /// each common one it lacks, at most CloudWatch's 30. Values are placeholders that
    /// keep apart what differs: per instance, per tier, per fixed value.
    private static func placeholderDimensions(_ family: SeriesFamily, tier: ClusterTier, common: CostModel.CommonDimensions) -> [MetricDimension] {
        var dimensions = family.dimensions.map { MetricDimension($0, family.placeholder(for: $0)) }
        for name in common.names where !family.dimensions.contains(name) {
            let value = name == common.perInstance ? "<\(name) of \(tier.rawValue)>"
                : common.perTier.contains(name) ? "<\(name) of \(tier.rawValue)>" : "<\(name)>"
            dimensions.append(MetricDimension(name, value))
        }
        return Array(dimensions.prefix(AggregationInbox.maximumDimensions))
    }

    /// PutMetricData requests one instance makes per period: it flushes after every
    /// collection, sending the high-resolution periods that ended since the previous
    /// flush and, at the end of the period, the period's datums, at most 1,000 datums a
    /// request.
    public static func requestsPerPeriod(
        mainDatums: Int, highResolutionDatums: Int, periodSeconds: Int, highResolutionPeriodSeconds: Int?, collectionIntervalSeconds: Int
    ) -> Int {
        let interval = max(1, min(collectionIntervalSeconds, periodSeconds))
        let ticks = max(1, periodSeconds / interval)
        var requests = 0
        for tick in 1...ticks {
            let now = tick * interval
            var datums = tick == ticks ? mainDatums : 0
            if let fine = highResolutionPeriodSeconds, fine > 0 {
                datums += highResolutionDatums * (now / fine - (now - interval) / fine)
            }
            requests += (datums + PutMetricDataBatcher.maximumDatumsPerRequest - 1) / PutMetricDataBatcher.maximumDatumsPerRequest
        }
        return requests
    }

    private static func summarize(tallies: [SeriesIdentity: Tally], requestsByTier: [ClusterTier: Int], model: CostModel) -> CostEstimate {
        let total = tallies.values.reduce(0) { $0 + $1.metrics }
        let requests = requestsByTier.values.reduce(0, +)
        let metricCost = model.prices.monthlyMetricCost(metrics: total)
        let requestCost = model.prices.monthlyRequestCost(requests: requests)

        var byLine: [String: (metrics: Int, sources: [String: Int])] = [:]
        var bySource: [String: Int] = [:]
        var byMetric: [String: Int] = [:]
        var byDimension: [String: Int] = [:]
        for (identity, tally) in tallies {
            let line = tally.tiers.count == 1 ? tally.tiers.first!.rawValue : "shared"
            byLine[line, default: (0, [:])].metrics += tally.metrics
            byLine[line, default: (0, [:])].sources[tally.source.rawValue, default: 0] += tally.metrics
            bySource[tally.source.rawValue, default: 0] += tally.metrics
            byMetric[identity.metric, default: 0] += tally.metrics
            for (name, values) in tally.valueCounts where values > 1 {
                byDimension[name, default: 0] += tally.metrics - tally.metrics / values
            }
        }
        func usd(metrics: Int, requests: Int) -> Double {
            (total > 0 ? metricCost * Double(metrics) / Double(total) : 0) + model.prices.monthlyRequestCost(requests: requests)
        }
        var lines: [CostEstimate.Line] = []
        for tier in ClusterTier.allCases where model.fleet.nodeCount(tier) > 0 {
            let hosts = model.fleet.nodeCount(tier)
            let entry = byLine[tier.rawValue] ?? (0, [:])
            let tierRequests = requestsByTier[tier] ?? 0
            lines.append(CostEstimate.Line(
                tier: tier.rawValue, hosts: hosts, metricsPerHost: entry.metrics / hosts, distinctMetrics: entry.metrics,
                requestsPerMonth: tierRequests, usdPerMonth: usd(metrics: entry.metrics, requests: tierRequests), metricsBySource: entry.sources
            ))
        }
        if let shared = byLine["shared"] {
            lines.append(CostEstimate.Line(
                tier: "shared", hosts: 0, metricsPerHost: 0, distinctMetrics: shared.metrics, requestsPerMonth: 0,
                usdPerMonth: usd(metrics: shared.metrics, requests: 0), metricsBySource: shared.sources
            ))
        }
        func top(_ counts: [String: Int]) -> [CostEstimate.Contributor] {
            counts.filter { $0.value > 0 }
                .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .prefix(topContributors)
                .map { CostEstimate.Contributor(name: $0.key, metrics: $0.value, share: total > 0 ? Double($0.value) / Double(total) : 0) }
        }
        return CostEstimate(
            lines: lines, distinctMetrics: total, requestsPerMonth: requests, metricUSDPerMonth: metricCost,
            requestUSDPerMonth: requestCost, metricsBySource: bySource, topMetrics: top(byMetric), topDimensions: top(byDimension),
            notes: notes(model)
        )
    }

    private static func notes(_ model: CostModel) -> [String] {
        let assumed = model.cardinalities
        var notes = [
            "assumed: \(assumed.dataSources) dataSources, \(assumed.tiers) Druid tier(s), \(assumed.taskTypes) task types, "
                + "\(assumed.peonsPerDataNode) peons per data node, \(assumed.queryTypes) query types; per host "
                + "\(assumed.filesystems) file systems, \(assumed.disks) disks, \(assumed.interfaces) network interface(s)",
            "Druid monitors: \(model.druidMonitors.isEmpty ? "none" : model.druidMonitors.sorted().joined(separator: ", ")); "
                + "streaming ingestion: \(model.ingestion.isEmpty ? "none" : model.ingestion.sorted().joined(separator: ", "))",
            "CloudWatch bills a metric for the hours it receives data; series that come and go (peon tasks) count for the hours they exist",
        ]
        if model.sources.prometheusTargets > 0 {
            notes.append("not counted: the \(model.sources.prometheusTargets) Prometheus target(s), whose metrics are only known once scraped")
        }
        if !model.uncataloguedMetrics.isEmpty {
            notes.append("not counted: \(model.uncataloguedMetrics.joined(separator: ", ")) (in extra_dimensions but not in the catalog: which services emit them is unknown)")
        }
        if model.mapper.unknownMetrics == .keepServiceOnly {
            notes.append("not counted: metrics outside the catalog kept by unknown_metrics: service_only")
        }
        notes.append("not counted: druid/alerts and the emitter's rejected/unknown counts, published only when they happen")
        return notes
    }
}
