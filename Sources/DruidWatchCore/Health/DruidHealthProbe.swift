/// One HTTP GET that tells something about a Druid service's health.
public struct DruidHealthProbe: Sendable, Hashable {
    public enum Check: String, Sendable, Hashable {
        /// `/status/health`: 200 and the body `true` while the process is up.
        case health
        /// `/druid/coordinator/v1/isLeader` or `/druid/indexer/v1/isLeader`: 200 on
        /// the leader, 404 on the others.
        case leader
        /// `/druid/broker/v1/loadstatus`: `{"inventoryInitialized": true}` once the
        /// Broker knows every segment of the cluster.
        case brokerLoadStatus
        /// `/druid/historical/v1/loadstatus`: `{"cacheInitialized": true}` once the
        /// segments in the local cache are loaded.
        case historicalLoadStatus
        /// `/druid/coordinator/v1/loadstatus`: percent of segments loaded per dataSource.
        /// Only the leader answers it; the others redirect to the leader.
        case coordinatorLoadStatus
    }

    public var check: Check
    public var path: String

    public init(check: Check, path: String) {
        self.check = check
        self.path = path
    }

    /// `/status/health` is open even with Druid's basic security extension; every other
    /// endpoint needs the system account.
    public var needsAuthentication: Bool { check != .health }

    public static let health = DruidHealthProbe(check: .health, path: "/status/health")
    public static let coordinatorLeader = DruidHealthProbe(check: .leader, path: "/druid/coordinator/v1/isLeader")
    public static let overlordLeader = DruidHealthProbe(check: .leader, path: "/druid/indexer/v1/isLeader")
    public static let brokerLoadStatus = DruidHealthProbe(check: .brokerLoadStatus, path: "/druid/broker/v1/loadstatus")
    public static let historicalLoadStatus = DruidHealthProbe(check: .historicalLoadStatus, path: "/druid/historical/v1/loadstatus")
    public static let coordinatorLoadStatus = DruidHealthProbe(check: .coordinatorLoadStatus, path: "/druid/coordinator/v1/loadstatus")
}

/// What became of one probe.
public enum DruidProbeOutcome: Sendable, Equatable {
    /// An HTTP answer, whatever its status; `latency` from sending to the last byte.
    case answered(status: Int, body: [UInt8], latency: Duration)
    /// No HTTP answer: refused, timed out, reset, too large.
    case failed(reason: String)

    public var status: Int? {
        if case let .answered(status, _, _) = self { return status }
        return nil
    }
}
