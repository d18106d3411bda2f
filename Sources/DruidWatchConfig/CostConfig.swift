import DruidWatchCore

/// The `cost:` section: the fleet, the assumptions and the prices `druidwatch cost` and
/// `check-config` estimate a configuration's CloudWatch bill with. The agent itself
/// ignores it.
public struct CostConfig: Sendable, Equatable {
    public var nodes: [ClusterTier: Int] = FleetLayout().nodes
    public var services: [ClusterTier: [DruidServiceKind]] = FleetLayout().services
    public var cardinalities = AssumedCardinalities()
    /// `druid.monitoring.monitors` of the Druid processes, by simple class name.
    public var druidMonitors: [String] = DruidMetricOrigins.defaultMonitors
    /// Streaming ingestion in use: `kafka`, `kinesis`.
    public var ingestion: [String] = ["kafka"]
    public var prices = CloudWatchPriceList.usEast1

    public init() {}

    public var fleet: FleetLayout { FleetLayout(nodes: nodes, services: services) }
}
