/// What `zk_server_state` (mntr) or `server_state` (AdminServer) says the server is.
/// The spellings are those of `ZooKeeperServer.getState()` and its subclasses.
public enum ZooKeeperServerState: Sendable, Hashable {
    case leader
    case follower
    case observer
    case standalone
    /// Partitioned from the quorum with `readonlymode.enabled`: it answers reads only.
    case readOnly
    /// A state this code does not know (a newer or a compatible server's own word).
    case other(String)

    public init(_ text: String) {
        switch text {
        case "leader": self = .leader
        case "follower": self = .follower
        case "observer": self = .observer
        case "standalone": self = .standalone
        case "read-only": self = .readOnly
        default: self = .other(text)
        }
    }

    /// A member that takes part in a working ensemble (or runs alone) and accepts
    /// writes. A read-only server answers, but Druid cannot work against it: it
    /// refuses the writes of segment announcements and leader elections.
    public var isServing: Bool {
        switch self {
        case .leader, .follower, .observer, .standalone: true
        case .readOnly, .other: false
        }
    }
}
