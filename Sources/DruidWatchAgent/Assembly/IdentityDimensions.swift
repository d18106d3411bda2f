import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore

/// The dimensions that say which machine a metric came from: on EC2 the instance and
/// its Auto Scaling group (so that alarms and dashboards can work per tier), elsewhere
/// the host name; then the cluster and the configured static dimensions.
public enum IdentityDimensions {
    public static func make(identity: InstanceIdentity, cluster: String?, extra: [MetricDimension], naming: NamingPreset = .druidwatch) -> [MetricDimension] {
        var dimensions: [MetricDimension] = []
        if let cluster { dimensions.append(MetricDimension(naming == .awsSolution ? "Druid.Cluster" : "Cluster", cluster)) }
        if let instanceId = identity.instanceId {
            dimensions.append(MetricDimension("InstanceId", instanceId))
            if let group = identity.autoScalingGroupName {
                dimensions.append(MetricDimension("AutoScalingGroupName", group))
            }
        } else if let host = identity.hostName {
            dimensions.append(MetricDimension("Host", host))
        }
        return dimensions + extra
    }
}
