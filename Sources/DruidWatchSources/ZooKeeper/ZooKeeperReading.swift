import DruidWatchCore

/// The outcome of one attempt to read ZooKeeper, by the path that answered.
public enum ZooKeeperReading: Sendable, Equatable {
    case adminServer(ZooKeeperStats)
    /// Read with `mntr`; `adminServerProblem` says why the AdminServer was not used
    /// (nil when none is configured).
    case mntr(ZooKeeperStats, adminServerProblem: String?)
    /// The server answered that it is not part of a working quorum.
    case notServing(String)
    /// Neither path gave statistics; the reasons of both.
    case unavailable(String)

    public var stats: ZooKeeperStats? {
        switch self {
        case let .adminServer(stats), let .mntr(stats, _): stats
        case .notServing, .unavailable: nil
        }
    }

    /// A short word for logs and for noticing that the path changed.
    var path: String {
        switch self {
        case .adminServer: "adminserver"
        case .mntr: "mntr"
        case .notServing: "not-serving"
        case .unavailable: "unavailable"
        }
    }
}
