/// The Druid services druidwatch knows how to probe, as `org.apache.druid.cli.Main`
/// names them on its command line (`server coordinator`, `internal peon`).
public enum DruidServiceKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case coordinator
    case overlord
    case broker
    case historical
    case middleManager
    case peon
    case router
    case indexer

    /// Accepts the command-line and configuration spellings; `middlemanager` and
    /// `middle-manager` as well as `middleManager`.
    public init?(name: String) {
        switch name.lowercased() {
        case "coordinator": self = .coordinator
        case "overlord": self = .overlord
        case "broker": self = .broker
        case "historical": self = .historical
        case "middlemanager", "middle-manager", "middle_manager": self = .middleManager
        case "peon": self = .peon
        case "router": self = .router
        case "indexer": self = .indexer
        default: return nil
        }
    }

    /// Druid's default `druid.service` for this kind, the value of the `Service`
    /// dimension when the configuration names none.
    public var defaultServiceName: String {
        switch self {
        case .middleManager: "druid/middlemanager"
        default: "druid/\(rawValue)"
        }
    }

    /// Druid's default `druid.plaintextPort`. Peons get ports from 8100 upwards
    /// (`druid.indexer.runner.startPort`), passed to them as `-Ddruid.plaintextPort`.
    public var defaultPlaintextPort: Int {
        switch self {
        case .coordinator: 8081
        case .overlord: 8090
        case .broker: 8082
        case .historical: 8083
        case .middleManager: 8091
        case .peon: 8100
        case .router: 8888
        case .indexer: 8091
        }
    }

    /// Druid's default `druid.tlsPort`, used only when TLS is enabled and no port is
    /// set; nil for peons, whose TLS port the MiddleManager passes on the command line.
    /// Coordinator, overlord, broker and historical are from Druid's configuration
    /// reference; middleManager, indexer and router follow Druid's code defaults.
    public var defaultTLSPort: Int? {
        switch self {
        case .coordinator: 8281
        case .overlord: 8290
        case .broker: 8282
        case .historical: 8283
        case .middleManager: 8291
        case .peon: nil
        case .router: 9088
        case .indexer: 8291
        }
    }

    public static func < (lhs: DruidServiceKind, rhs: DruidServiceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
