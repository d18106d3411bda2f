import DruidWatchCore

extension AgentConfig {
    /// The dashboard parameters for this configuration's metrics: its namespace and
    /// naming, for `cluster` (the configuration's, which the caller has checked is set:
    /// the dashboards show one cluster), in `region`.
    public func dashboardParameters(cluster: String, region: String) -> DashboardParameters {
        let awsSolution = naming == .awsSolution
        return DashboardParameters(
            cluster: cluster,
            namespace: namespace,
            region: region,
            clusterDimension: awsSolution ? "Druid.Cluster" : "Cluster",
            serviceDimension: (awsSolution ? DruidEventMapper.Naming.awsSolution : .druidwatch).serviceDimension
        )
    }
}
