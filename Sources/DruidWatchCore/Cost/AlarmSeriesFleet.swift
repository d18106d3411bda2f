/// The series CloudWatch would list for a rule's metric query on a fleet, made up from
/// the fleet's layout and assumed cardinalities: what the evaluator's cost is
/// multiplied by before it has ever listed anything.
///
/// A query is taken to match series that carry exactly its own dimensions: one per
/// combination of values. `InstanceId` (and `Service`, `AutoScalingGroupName`) take
/// their values from the instances that run the service the query names (all instances
/// when it names none); `dataSource`, `server` and the rest from `AssumedCardinalities`;
/// AWS resources (`LoadBalancer`, `TargetGroup`, `DBClusterIdentifier`) one each unless
/// given. ZooKeeper's figures (`zookeeper/…`) come from the ZooKeeper tier, or from the
/// master tier when there is no ZooKeeper tier (ZooKeeper beside the masters). Where the agent also publishes wider series of the same metric (with an
/// instance dimension the query does not name), the evaluator reads those instead of
/// the rollup, so the figure is then a lower bound.
public struct AlarmSeriesFleet: Sendable, Hashable {
    public var layout: FleetLayout
    public var cardinalities: AssumedCardinalities
    public var serviceDimension = "Service"
    public var instanceDimension = "InstanceId"
    public var tierDimension = "AutoScalingGroupName"

    /// Dimensions of AWS namespaces, and the host source's mount point.
    public static let resourceDimensions: Set<String> = ["LoadBalancer", "TargetGroup", "DBClusterIdentifier", "DBInstanceIdentifier"]

    public init(layout: FleetLayout, cardinalities: AssumedCardinalities = AssumedCardinalities()) {
        self.layout = layout
        self.cardinalities = cardinalities
    }

    /// Distinct values of a dimension that is neither the service, the instance nor the tier.
    public func values(of dimension: String) -> Int {
        if let given = cardinalities.dimensions[dimension] { return max(0, given) }
        if Self.resourceDimensions.contains(dimension) { return 1 }
        if dimension == "path" { return cardinalities.filesystems }
        return cardinalities.values(of: dimension, segmentServers: layout.nodes(running: .historical))
    }

    /// The series a query matches, each once.
    public func series(for query: RuleMetricQuery) -> [MetricIdentity] {
        let hostNames: Set<String> = [serviceDimension, instanceDimension, tierDimension]
        var combinations: [[MetricDimension]] = hostDimensions(for: query)
        for matcher in query.dimensions where !hostNames.contains(matcher.name) {
            if let value = matcher.value {
                combinations = combinations.map { $0 + [MetricDimension(matcher.name, value)] }
            } else {
                let count = values(of: matcher.name)
                combinations = combinations.flatMap { base in
                    (0..<count).map { base + [MetricDimension(matcher.name, "\(matcher.name)-\($0 + 1)")] }
                }
            }
        }
        return combinations.map { MetricIdentity(namespace: query.namespace, metricName: query.metricName, dimensions: $0.sorted()) }
    }

    /// The distinct (service, instance, tier) values the query's host dimensions take.
    private func hostDimensions(for query: RuleMetricQuery) -> [[MetricDimension]] {
        let matcher = { (name: String) in query.dimensions.first { $0.name == name } }
        let service = matcher(serviceDimension), instance = matcher(instanceDimension), tier = matcher(tierDimension)
        guard service != nil || instance != nil || tier != nil else { return [[]] }
        var seen: Set<[MetricDimension]> = []
        var result: [[MetricDimension]] = []
        func add(_ dimensions: [MetricDimension]) {
            if seen.insert(dimensions).inserted { result.append(dimensions) }
        }
        var tiers = ClusterTier.allCases.filter { layout.nodeCount($0) > 0 }
        if query.metricName.hasPrefix("zookeeper/") { tiers = layout.nodeCount(.zookeeper) > 0 ? [.zookeeper] : [.master] }
        for clusterTier in tiers where layout.nodeCount(clusterTier) > 0 {
            let tierName = "\(clusterTier.rawValue)-asg"
            if let fixed = tier?.value, fixed != tierName { continue }
            // Services on the tier the query can match; the host source's series (no
            // Service dimension) come from every instance, ZooKeeper's included.
            let services: [String?] = service.map { matcher in
                layout.services(on: clusterTier).map(\.defaultServiceName).filter { matcher.value == nil || matcher.value == $0 }
            } ?? [nil]
            for serviceName in services {
                for index in 0..<layout.nodeCount(clusterTier) {
                    var dimensions: [MetricDimension] = []
                    if let serviceName { dimensions.append(MetricDimension(serviceDimension, serviceName)) }
                    if let instance { dimensions.append(MetricDimension(instanceDimension, instance.value ?? "i-\(clusterTier.rawValue)-\(index + 1)")) }
                    if let tier { dimensions.append(MetricDimension(tierDimension, tier.value ?? tierName)) }
                    add(dimensions)
                }
            }
        }
        // A fixed service no tier runs (or a fixed instance id): one series, as named.
        if result.isEmpty, service?.value != nil || instance?.value != nil || tier?.value != nil,
           service?.value.map({ name in !DruidServiceKind.allCases.contains { $0.defaultServiceName == name } }) ?? true {
            var dimensions: [MetricDimension] = []
            for matcher in [service, instance, tier].compactMap({ $0 }) {
                dimensions.append(MetricDimension(matcher.name, matcher.value ?? "\(matcher.name)-1"))
            }
            add(dimensions)
        }
        return result
    }
}
