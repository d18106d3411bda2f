import DruidWatchCore

extension AgentConfig {
    /// What the cost estimate needs from this configuration, on its `cost` section's
    /// fleet unless `fleet` replaces it.
    public func costModel(fleet: FleetLayout? = nil, cardinalities: AssumedCardinalities? = nil) -> CostModel {
        var model = CostModel(
            plan: aggregationPlan,
            mapper: druidEventMapper,
            sources: costSources,
            common: commonDimensions,
            serviceDimension: druidEventMapper.naming.serviceDimension,
            collectionIntervalSeconds: max(1, Int(collectionInterval.components.seconds)),
            fleet: fleet ?? cost.fleet,
            cardinalities: cardinalities ?? cost.cardinalities,
            druidMonitors: Set(cost.druidMonitors),
            ingestion: Set(cost.ingestion),
            prices: cost.prices
        )
        model.extraDimensions = sources.druidEmitter.extraDimensions
        model.uncataloguedMetrics = sources.druidEmitter.extraDimensions.keys.filter { MetricCatalog.druidStandard.entry(for: $0) == nil }.sorted()
        return model
    }

    private var costSources: CostModel.Sources {
        var enabled = CostModel.Sources()
        enabled.host = sources.host.enabled
        enabled.jvm = sources.jvm.enabled
        enabled.jvmIncludesNonDruid = sources.jvm.includeNonDruid
        enabled.druidEmitter = sources.druidEmitter.enabled
        let health = sources.druidHealth
        enabled.druidHealth = !health.enabled ? [] : health.discover ? Set(DruidServiceKind.allCases) : Set(health.services.keys.compactMap(DruidServiceKind.init(name:)))
        enabled.zookeeperOnEveryTier = sources.zookeeper.enabled
        enabled.prometheusTargets = sources.prometheus.targets.count
        enabled.agentDelivery = selfMetrics.publish
        return enabled
    }

    /// As `IdentityDimensions` stamps them on EC2: the cluster, the instance and its
    /// Auto Scaling group (or the host name when the instance id is left out), then the
    /// static dimensions.
    private var commonDimensions: CostModel.CommonDimensions {
        var names: [String] = []
        var perInstance: String?
        var perTier: Set<String> = []
        if cluster != nil { names.append(naming == .awsSolution ? "Druid.Cluster" : "Cluster") }
        if identity.instanceId != .none {
            names.append("InstanceId")
            if identity.instanceId == .auto { perInstance = "InstanceId" }
            if identity.autoScalingGroup != .none {
                names.append("AutoScalingGroupName")
                if identity.autoScalingGroup == .auto { perTier.insert("AutoScalingGroupName") }
            }
        } else if identity.host != .none {
            names.append("Host")
            if identity.host == .auto { perInstance = "Host" }
        }
        names += dimensions.map(\.name)
        return CostModel.CommonDimensions(names: names, perInstance: perInstance, perTier: perTier)
    }
}
