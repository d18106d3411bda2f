import DruidWatchCore

extension AgentConfigLoader {
    /// Beyond this a figure is a typo, not a cluster.
    static let maximumAssumedCount = 10_000_000

    static func readCost(_ node: ConfigNode, into cost: inout CostConfig) {
        guard let mapping = node.mapping(allowed: ["nodes", "services", "cardinalities", "druid_monitors", "ingestion", "prices"]) else { return }
        if let nodes = mapping["nodes"]?.mapping(allowed: ClusterTier.allCases.map(\.rawValue)) {
            for tier in ClusterTier.allCases {
                if let node = nodes[tier.rawValue], let count = wholeNumber(node, minimum: 0) { cost.nodes[tier] = count }
            }
        }
        if let services = mapping["services"]?.mapping(allowed: ClusterTier.allCases.map(\.rawValue)) {
            for tier in ClusterTier.allCases {
                guard let elements = services[tier.rawValue]?.list() else { continue }
                var kinds: [DruidServiceKind] = []
                for element in elements {
                    guard let name = element.string() else { continue }
                    guard let kind = DruidServiceKind(name: name) else {
                        element.report("unknown Druid service '\(name)'; allowed: \(druidServiceKinds.joined(separator: ", "))")
                        continue
                    }
                    if !kinds.contains(kind) { kinds.append(kind) }
                }
                cost.services[tier] = kinds
            }
        }
        if let node = mapping["cardinalities"] { readCardinalities(node, into: &cost.cardinalities) }
        if let elements = mapping["druid_monitors"]?.list() {
            let known = DruidMetricOrigins.knownMonitors
            var monitors: [String] = []
            for element in elements {
                guard let name = element.string() else { continue }
                // Druid takes full class names; the simple name is what tells them apart.
                let simple = String(name.split(separator: ".").last ?? Substring(name))
                if known.contains(simple) {
                    if !monitors.contains(simple) { monitors.append(simple) }
                } else {
                    element.report("unknown Druid monitor '\(name)'; the estimate knows: \(known.joined(separator: ", "))")
                }
            }
            cost.druidMonitors = monitors
        }
        if let elements = mapping["ingestion"]?.list() {
            var kinds: [String] = []
            for element in elements {
                guard let kind = element.string() else { continue }
                if DruidMetricOrigins.ingestionKinds.contains(kind) {
                    if !kinds.contains(kind) { kinds.append(kind) }
                } else {
                    element.report("unknown streaming ingestion '\(kind)'; allowed: \(DruidMetricOrigins.ingestionKinds.joined(separator: ", "))")
                }
            }
            cost.ingestion = kinds
        }
        if let node = mapping["prices"] { readPrices(node, into: &cost.prices) }
    }

    private static func readCardinalities(_ node: ConfigNode, into assumed: inout AssumedCardinalities) {
        let fields: [(String, WritableKeyPath<AssumedCardinalities, Int>, Int)] = [
            ("data_sources", \.dataSources, 1), ("tiers", \.tiers, 1), ("task_types", \.taskTypes, 1),
            ("peons_per_data_node", \.peonsPerDataNode, 0), ("query_types", \.queryTypes, 1),
            ("filesystems", \.filesystems, 0), ("disks", \.disks, 0), ("interfaces", \.interfaces, 0),
            ("high_cardinality", \.highCardinalityValues, 1), ("other", \.otherDimensionValues, 1),
        ]
        guard let mapping = node.mapping(allowed: fields.map(\.0) + ["dimensions"]) else { return }
        for (key, keyPath, minimum) in fields {
            if let node = mapping[key], let value = wholeNumber(node, minimum: minimum) { assumed[keyPath: keyPath] = value }
        }
        if let pairs = mapping["dimensions"]?.freeMapping() {
            for (name, valueNode) in pairs {
                if name.isEmpty {
                    valueNode.report("dimension names must not be empty")
                } else if let value = wholeNumber(valueNode, minimum: 1) {
                    assumed.dimensions[name] = value
                }
            }
        }
    }

    private static func readPrices(_ node: ConfigNode, into prices: inout CloudWatchPriceList) {
        guard let mapping = node.mapping(allowed: ["metrics", "put_metric_data_per_1000"]) else { return }
        if let node = mapping["put_metric_data_per_1000"], let value = dollars(node) { prices.usdPerThousandRequests = value }
        guard let tiersNode = mapping["metrics"], let tierNodes = tiersNode.list() else { return }
        guard !tierNodes.isEmpty else {
            tiersNode.report("must list at least one price band, such as {usd: 0.30}")
            return
        }
        var tiers: [CloudWatchPriceList.MetricTier] = []
        var valid = true
        for (index, tierNode) in tierNodes.enumerated() {
            guard let fields = tierNode.mapping(allowed: ["up_to", "usd"]) else { valid = false; continue }
            let isLast = index == tierNodes.count - 1
            var upTo: Int?
            if let node = fields["up_to"] {
                guard let value = wholeNumber(node, minimum: 1, maximum: Int.max) else { valid = false; continue }
                if let previous = tiers.last?.upTo, value <= previous {
                    node.report("must be more than the previous band's up_to (\(previous))")
                    valid = false
                }
                upTo = value
            } else if !isLast {
                tierNode.report("needs up_to: only the last band is open-ended")
                valid = false
            }
            guard let usdNode = fields["usd"] else {
                tierNode.report("needs usd: the monthly price of one metric in this band")
                valid = false
                continue
            }
            guard let usd = dollars(usdNode) else { valid = false; continue }
            tiers.append(.init(upTo: upTo, usdPerMetric: usd))
        }
        if valid { prices.metricTiers = tiers }
    }

    private static func wholeNumber(_ node: ConfigNode, minimum: Int, maximum: Int = maximumAssumedCount) -> Int? {
        guard let text = node.string() else { return nil }
        guard let value = Int(text), value >= minimum, value <= maximum else {
            node.report(maximum == Int.max ? "must be a whole number, at least \(minimum)" : "must be a whole number from \(minimum) to \(maximum)")
            return nil
        }
        return value
    }

    private static func dollars(_ node: ConfigNode) -> Double? {
        guard let text = node.string() else { return nil }
        guard let value = Double(text), value.isFinite, value >= 0 else {
            node.report("must be an amount in US dollars, zero or more, such as 0.30")
            return nil
        }
        return value
    }
}
