/// The groups of instances a Druid cluster on AWS is laid out in (one Auto Scaling
/// group each in the AWS "Scalable Analytics Using Apache Druid" layout), and the Druid
/// services each runs by default.
public enum ClusterTier: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case master, data, query, zookeeper

    public var defaultServices: [DruidServiceKind] {
        switch self {
        case .master: [.coordinator, .overlord]
        case .data: [.historical, .middleManager, .peon]
        case .query: [.broker, .router]
        case .zookeeper: []
        }
    }

    public static func < (lhs: ClusterTier, rhs: ClusterTier) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
