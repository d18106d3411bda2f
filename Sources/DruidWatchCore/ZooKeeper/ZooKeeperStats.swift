/// The figures of one `mntr` or AdminServer `monitor` reading that the agent uses.
/// Every figure is optional: servers differ by version and role (the follower counts
/// exist on the leader only), and an entry with a value that could not be used is
/// left out and counted in `skippedEntries` rather than failing the whole reading.
public struct ZooKeeperStats: Sendable, Equatable {
    public var version: String?
    public var serverState: ZooKeeperServerState?
    /// Request latencies since the last `srst`, in milliseconds.
    public var averageLatency: Double?
    public var maximumLatency: Double?
    public var minimumLatency: Double?
    /// Cumulative since the server started (or the last `srst`).
    public var packetsReceived: Int64?
    public var packetsSent: Int64?
    public var aliveConnections: Int64?
    public var outstandingRequests: Int64?
    public var znodeCount: Int64?
    public var watchCount: Int64?
    public var ephemeralsCount: Int64?
    public var approximateDataSize: Int64?
    public var openFileDescriptors: Int64?
    /// Leader only. `learners` since ZooKeeper 3.6, `followers` before it (and in
    /// ClickHouse Keeper); both count followers and observers connected to the leader.
    public var followers: Int64?
    public var syncedFollowers: Int64?
    public var pendingSyncs: Int64?
    /// Since 3.6: lets a restart be told from a counter that merely stood still.
    public var uptimeMilliseconds: Int64?

    /// Known entries whose value was unusable, plus lines that were not `key<TAB>value`.
    public var skippedEntries: Int
    /// Why the first few entries were skipped, for a log line.
    public var skipNotes: [String]

    public static let maximumSkipNotes = 5

    public init(
        version: String? = nil,
        serverState: ZooKeeperServerState? = nil,
        averageLatency: Double? = nil,
        maximumLatency: Double? = nil,
        minimumLatency: Double? = nil,
        packetsReceived: Int64? = nil,
        packetsSent: Int64? = nil,
        aliveConnections: Int64? = nil,
        outstandingRequests: Int64? = nil,
        znodeCount: Int64? = nil,
        watchCount: Int64? = nil,
        ephemeralsCount: Int64? = nil,
        approximateDataSize: Int64? = nil,
        openFileDescriptors: Int64? = nil,
        followers: Int64? = nil,
        syncedFollowers: Int64? = nil,
        pendingSyncs: Int64? = nil,
        uptimeMilliseconds: Int64? = nil,
        skippedEntries: Int = 0,
        skipNotes: [String] = []
    ) {
        self.version = version
        self.serverState = serverState
        self.averageLatency = averageLatency
        self.maximumLatency = maximumLatency
        self.minimumLatency = minimumLatency
        self.packetsReceived = packetsReceived
        self.packetsSent = packetsSent
        self.aliveConnections = aliveConnections
        self.outstandingRequests = outstandingRequests
        self.znodeCount = znodeCount
        self.watchCount = watchCount
        self.ephemeralsCount = ephemeralsCount
        self.approximateDataSize = approximateDataSize
        self.openFileDescriptors = openFileDescriptors
        self.followers = followers
        self.syncedFollowers = syncedFollowers
        self.pendingSyncs = pendingSyncs
        self.uptimeMilliseconds = uptimeMilliseconds
        self.skippedEntries = skippedEntries
        self.skipNotes = skipNotes
    }

    mutating func skip(_ note: String) {
        skippedEntries += 1
        if skipNotes.count < Self.maximumSkipNotes { skipNotes.append(note) }
    }
}
