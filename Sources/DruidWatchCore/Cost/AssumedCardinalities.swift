/// How many distinct values each dimension takes: what multiplies one metric into many
/// CloudWatch metrics. None of these can be read from the configuration, so they are
/// assumptions an operator replaces with what their cluster has (`druidwatch status`
/// shows the distinct series a running agent published in the last day).
public struct AssumedCardinalities: Sendable, Hashable, Codable {
    public var dataSources = 10
    /// Druid tiers (historical tiers), the `tier` dimension.
    public var tiers = 1
    /// Kinds of ingestion task (`index_kafka`, `compact`, ...), the `taskType` dimension.
    public var taskTypes = 2
    /// Task slots in use on each instance running a MiddleManager: each is a peon JVM.
    public var peonsPerDataNode = 4
    /// Native query types (`timeseries`, `groupBy`, `topN`, `scan`, ...), the `type` dimension.
    public var queryTypes = 4
    /// Per instance: file systems the host source measures, block devices, network interfaces.
    public var filesystems = 2
    public var disks = 2
    public var interfaces = 1
    /// Distinct values an hour of a per-query, per-task or per-segment dimension
    /// (queryId, taskId, ...), if one is opted in: CloudWatch bills metrics by the hour.
    public var highCardinalityValues = 1000
    /// Any other Druid dimension not listed in `knownDimensionValues` nor `dimensions`.
    public var otherDimensionValues = 3
    /// Per dimension name, replacing every other figure for it.
    public var dimensions: [String: Int] = [:]

    public init() {}

    /// Dimensions whose values are fixed by Druid or the JVM rather than by the cluster.
    public static let knownDimensionValues: [String: Int] = [
        "memKind": 2,          // heap, nonheap
        "poolKind": 2,         // heap, nonheap (1 beside poolName, which decides it)
        "poolName": 8,         // G1: eden, old, survivor, metaspace, compressed class space, 3 code heaps
        "bufferpoolName": 3,   // direct, mapped, mapped - 'non-volatile memory'
        "gcName": 2,           // G1 young and old
        "category": 1,         // _default_worker_category
        "priority": 1,
        "leader": 1,           // one value per instance at a time
        "reason": 4,           // ingest/events/thrownAway: null, filtered, before/after the message window
        "cpuTime": 8,          // user, sys, nice, wait, irq, softIrq, stolen, idle
    ]

    /// Dimensions with a value per query, task, segment or user: the catalog's
    /// high-cardinality ones, which the agent keeps only when opted in, and the ones
    /// Imply's builds add to query metrics, which it would keep when named in
    /// `extra_dimensions`.
    public static let unboundedDimensions: Set<String> = MetricCatalog.highCardinalityDimensions.union([
        "implyUser", "implyUserEmail", "implyView", "implyDataCube", "implyFeature",
    ])

    /// A dimension whose value follows from another one's, so that beside it the pair
    /// counts as one: each mount point has one device, each pool one kind, each
    /// streaming dataSource one stream.
    public static let determinedBy: [String: String] = [
        "poolKind": "poolName",
        "fsDevName": "fsDirName",
        "stream": "dataSource",
        "topic": "dataSource",
        // The host source's file systems: a mount point has one device and one type.
        "device": "path",
        "fstype": "path",
    ]

    /// Distinct values of one Druid dimension on one instance; `segmentServers` is how
    /// many historicals and peons a broker or coordinator sees.
    public func values(of dimension: String, segmentServers: Int) -> Int {
        if let given = dimensions[dimension] { return given }
        switch dimension {
        case "dataSource", "stream", "topic": return dataSources
        case "tier": return tiers
        case "taskType": return taskTypes
        case "type": return queryTypes
        case "server": return max(1, segmentServers)
        case "diskName": return disks
        case "fsDirName", "fsDevName": return filesystems
        case "netName": return interfaces
        default: break
        }
        if let known = Self.knownDimensionValues[dimension] { return known }
        if Self.unboundedDimensions.contains(dimension) { return highCardinalityValues }
        return otherDimensionValues
    }
}
