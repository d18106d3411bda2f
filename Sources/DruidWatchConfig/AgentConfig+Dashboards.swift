import DruidWatchCore

extension AgentConfig {
    /// The dashboard parameters for this configuration's metrics: its cluster, namespace
    /// and naming, in `region`. nil without a cluster: the dashboards show one cluster.
    public func dashboardParameters(region: String) -> DashboardParameters? {
        guard let cluster else { return nil }
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
