import DruidWatchCore

extension AgentConfig {
    /// The dashboard parameters for this configuration's metrics: its namespace and
    /// naming, for `cluster` (the configuration's, which the caller has checked is set:
    /// the dashboards show one cluster), in `region`.
    public func dashboardParameters(cluster: String, region: String) -> DashboardParameters {
        DashboardParameters(cluster: cluster, namespace: namespace, region: region, naming: naming)
    }
}

extension DashboardParameters {
    /// The dimension names the agents use under `naming`.
    public init(cluster: String, namespace: String, region: String, naming: NamingPreset) {
        let awsSolution = naming == .awsSolution
        self.init(
            cluster: cluster,
            namespace: namespace,
            region: region,
            clusterDimension: awsSolution ? "Druid.Cluster" : "Cluster",
            serviceDimension: (awsSolution ? DruidEventMapper.Naming.awsSolution : .druidwatch).serviceDimension
        )
    }
}
