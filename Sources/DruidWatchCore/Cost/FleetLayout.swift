/// How many instances each tier has and which Druid services run on them: what the
/// cost of a configuration is multiplied by.
public struct FleetLayout: Sendable, Hashable {
    public var nodes: [ClusterTier: Int]
    public var services: [ClusterTier: [DruidServiceKind]]

    /// One instance of each Druid tier and no ZooKeeper tier: the cost of one of each.
    public init(
        nodes: [ClusterTier: Int] = [.master: 1, .data: 1, .query: 1, .zookeeper: 0],
        services: [ClusterTier: [DruidServiceKind]] = Dictionary(uniqueKeysWithValues: ClusterTier.allCases.map { ($0, $0.defaultServices) })
    ) {
        self.nodes = nodes
        self.services = services
    }

    public func nodeCount(_ tier: ClusterTier) -> Int { max(0, nodes[tier] ?? 0) }
    public func services(on tier: ClusterTier) -> [DruidServiceKind] { services[tier] ?? tier.defaultServices }

    /// Instances running `service`, across tiers.
    public func nodes(running service: DruidServiceKind) -> Int {
        ClusterTier.allCases.reduce(0) { $0 + (services(on: $1).contains(service) ? nodeCount($1) : 0) }
    }
}
