/// Everything the cost estimate needs, in the agent's own terms: the aggregation plan
/// and Druid event mapper the agent would build from a configuration, which sources
/// run, the dimensions every datum carries, the fleet, the assumed cardinalities and
/// the prices.
public struct CostModel: Sendable {
    /// What the agent stamps on every datum besides a sample's own dimensions.
    public struct CommonDimensions: Sendable, Hashable {
        /// In the agent's order: cluster, instance identity, static dimensions.
        public var names: [String]
        /// The one among `names` whose value differs per instance (`InstanceId` on EC2,
        /// `Host` elsewhere); nil when the identity is fixed or left out, so that every
        /// instance publishes into the same series.
        public var perInstance: String?
        /// Those whose value is the same on every instance of a tier but differs
        /// between tiers (`AutoScalingGroupName`).
        public var perTier: Set<String>

        public init(names: [String], perInstance: String?, perTier: Set<String> = []) {
            self.names = names
            self.perInstance = perInstance
            self.perTier = perTier
        }
    }

    public struct Sources: Sendable, Hashable {
        public var host = true
        public var jvm = true
        /// The ZooKeeper JVM on the ZooKeeper tier too (`jvm.include_non_druid`).
        public var jvmIncludesNonDruid = false
        public var druidEmitter = true
        /// The Druid services probed: every local one (discovery), or the kinds configured.
        public var druidHealth: Set<DruidServiceKind> = Set(DruidServiceKind.allCases)
        /// ZooKeeper's figures on the Druid tiers as well (the ZooKeeper tier always has them).
        public var zookeeperOnEveryTier = false
        public var prometheusTargets = 0
        /// The agent's delivery figures (`self_metrics.publish`).
        public var agentDelivery = true
        public init() {}
    }

    public var plan: AggregationPlan
    public var mapper: DruidEventMapper
    public var catalog: MetricCatalog
    public var sources: Sources
    public var common: CommonDimensions
    /// `Service`, or `Druid.Service` with the AWS solution's naming.
    public var serviceDimension: String
    public var collectionIntervalSeconds: Int
    public var fleet: FleetLayout
    public var cardinalities: AssumedCardinalities
    public var druidMonitors: Set<String>
    public var ingestion: Set<String>
    public var prices: CloudWatchPriceList
    /// Metrics that `extra_dimensions` names but the catalog does not know: kept by the
    /// agent, but who emits them is unknown, so the estimate names them instead.
    public var uncataloguedMetrics: [String] = []
    /// `extra_dimensions`: kept whichever service emits the metric.
    public var extraDimensions: [String: [String]] = [:]

    public init(
        plan: AggregationPlan,
        mapper: DruidEventMapper,
        catalog: MetricCatalog = .druidStandard,
        sources: Sources = Sources(),
        common: CommonDimensions,
        serviceDimension: String = "Service",
        collectionIntervalSeconds: Int,
        fleet: FleetLayout = FleetLayout(),
        cardinalities: AssumedCardinalities = AssumedCardinalities(),
        druidMonitors: Set<String> = Set(DruidMetricOrigins.defaultMonitors),
        ingestion: Set<String> = ["kafka"],
        prices: CloudWatchPriceList = .usEast1
    ) {
        self.plan = plan
        self.mapper = mapper
        self.catalog = catalog
        self.sources = sources
        self.common = common
        self.serviceDimension = serviceDimension
        self.collectionIntervalSeconds = collectionIntervalSeconds
        self.fleet = fleet
        self.cardinalities = cardinalities
        self.druidMonitors = druidMonitors
        self.ingestion = ingestion
        self.prices = prices
    }
}
