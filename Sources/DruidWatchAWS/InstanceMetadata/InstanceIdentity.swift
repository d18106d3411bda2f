/// Who this agent reports as: the values of the instance dimensions it attaches to
/// metrics. nil means the dimension is left out.
public struct InstanceIdentity: Sendable, Equatable {
    public var instanceId: String?
    public var autoScalingGroupName: String?
    public var hostName: String?

    public init(instanceId: String?, autoScalingGroupName: String?, hostName: String?) {
        self.instanceId = instanceId
        self.autoScalingGroupName = autoScalingGroupName
        self.hostName = hostName
    }
}
