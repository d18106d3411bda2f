/// Where a series comes from, as the estimate reports it.
public enum CostSource: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case host
    case jvm
    /// Druid's own metrics through the HTTP emitter, and the receiver's counts of them.
    case druidEmitter = "druid_emitter"
    case druidHealth = "druid_health"
    case zookeeper
    /// The agent's own delivery figures (`druidwatch/agent/*`, `self_metrics.publish`).
    case druidwatch

    public static func < (lhs: CostSource, rhs: CostSource) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
