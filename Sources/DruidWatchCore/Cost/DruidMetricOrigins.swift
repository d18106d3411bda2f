/// Which Druid services emit which catalog metrics, and what makes them do so: the
/// metric catalog says what a metric looks like, not who sends it. Built from Druid's
/// `docs/operations/metrics.md` (its sections per process and its "only available if
/// the ... module is included" notes).
///
/// Metrics no rule names are not counted by the cost estimate; `uncounted` lists them
/// with the reason, and a test fails when the catalog gains a metric that neither
/// names, so that each new metric gets a decision.
public struct DruidMetricOrigin: Sendable, Hashable {
    public enum Trigger: Sendable, Hashable {
        /// Emitted whenever the service does its work (queries, coordinator duties, tasks).
        case always
        /// Emitted only when `druid.monitoring.monitors` lists this monitor (simple class name).
        case monitor(String)
        /// Emitted only for streaming ingestion of this kind (`kafka`, `kinesis`).
        case ingestion(String)
    }

    public var metrics: GlobList
    public var services: [DruidServiceKind]
    public var trigger: Trigger
    /// Emitted by the current leader only (coordinator duties, overlord task queue and
    /// supervisors): one instance's worth, however many masters there are.
    public var leaderOnly: Bool
    /// The catalog dimensions these services' events carry, when the catalog's list is
    /// the union over services (`service/heartbeat` has `leader` on masters and
    /// `dataSource` on peons); nil when they carry them all.
    public var carried: [String]?

    public init(_ metrics: [String], on services: [DruidServiceKind], when trigger: Trigger, leaderOnly: Bool = false, carrying carried: [String]? = nil) {
        self.metrics = GlobList(metrics)
        self.services = services
        self.trigger = trigger
        self.leaderOnly = leaderOnly
        self.carried = carried
    }
}

public enum DruidMetricOrigins {
    /// The monitors the README tells operators to configure.
    public static let defaultMonitors = ["JvmMonitor", "ServiceStatusMonitor"]
    public static let ingestionKinds = ["kafka", "kinesis"]

    /// Every monitor some rule depends on, for validating configuration.
    public static var knownMonitors: [String] {
        var names: [String] = []
        for origin in standard {
            if case let .monitor(name) = origin.trigger, !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// One emitting service of a metric.
    public struct Emitter: Sendable, Hashable {
        public var service: DruidServiceKind
        public var leaderOnly: Bool
        /// As `DruidMetricOrigin.carried`.
        public var carried: [String]?
    }

    /// The services that emit `metric` given the configured monitors and ingestion
    /// kinds, each once (a leader-only rule gives way to an every-instance one).
    public static func emitters(of metric: String, monitors: Set<String>, ingestion: Set<String>) -> [Emitter] {
        var byService: [DruidServiceKind: Emitter] = [:]
        for origin in standard where origin.metrics.matches(metric) {
            switch origin.trigger {
            case .always: break
            case let .monitor(name): guard monitors.contains(name) else { continue }
            case let .ingestion(kind): guard ingestion.contains(kind) else { continue }
            }
            for service in origin.services {
                var emitter = byService[service] ?? Emitter(service: service, leaderOnly: true, carried: origin.carried)
                emitter.leaderOnly = emitter.leaderOnly && origin.leaderOnly
                byService[service] = emitter
            }
        }
        return byService.sorted { $0.key < $1.key }.map(\.value)
    }

    private static let every = DruidServiceKind.allCases
    private static let queryServing: [DruidServiceKind] = [.broker, .historical, .peon]

    public static let standard: [DruidMetricOrigin] = [
        // Per query, without any monitor.
        DruidMetricOrigin(["query/time"], on: [.broker, .historical, .peon, .router], when: .always),
        DruidMetricOrigin(["query/bytes"], on: queryServing, when: .always),
        DruidMetricOrigin(["query/node/*", "sqlQuery/*", "subquery/rows", "subquery/bytes",
                           "metadatacache/init/time", "metadatacache/refresh/*", "metadatacache/schemaPoll/*"],
                          on: [.broker], when: .always),
        DruidMetricOrigin(["serverview/*"], on: [.broker, .coordinator], when: .always),
        DruidMetricOrigin(["query/cpu/time", "query/wait/time", "segment/scan/*"], on: [.historical, .peon], when: .always),
        DruidMetricOrigin(["query/segment/time", "query/segmentAndCache/time"], on: [.historical], when: .always),
        // Ingestion tasks.
        DruidMetricOrigin(["ingest/count", "ingest/segments/count", "ingest/tombstones/count", "ingest/events/*", "ingest/input/bytes",
                           "ingest/rows/output", "ingest/persists/*", "ingest/handoff/*", "ingest/merge/*", "ingest/sink/count",
                           "ingest/pause/time", "compact/segmentAnalyzer/*", "task/segmentAvailability/wait/time"],
                          on: [.peon, .indexer], when: .always),
        // The overlord's task queue, task actions and supervisors: the leader's.
        DruidMetricOrigin(["task/run/time", "task/pending/time", "task/action/*", "segment/added/bytes", "segment/moved/bytes",
                           "segment/nuked/bytes", "ingest/notices/*"],
                          on: [.overlord], when: .always, leaderOnly: true),
        DruidMetricOrigin(["ingest/kafka/*"], on: [.overlord], when: .ingestion("kafka"), leaderOnly: true),
        DruidMetricOrigin(["kafka/consumer/*"], on: [.peon, .indexer], when: .ingestion("kafka")),
        DruidMetricOrigin(["ingest/kinesis/*"], on: [.overlord], when: .ingestion("kinesis"), leaderOnly: true),
        // Coordinator duties run on the leader.
        DruidMetricOrigin(["segment/assigned/count", "segment/moved/count", "segment/dropped/count", "segment/deleted/count",
                           "segment/unneeded/count", "segment/assignSkipped/count", "segment/moveSkipped/count",
                           "segment/dropSkipped/count", "segment/loadQueue/*", "segment/loading/rateKbps", "segment/dropQueue/count",
                           "segment/size", "segment/count", "segment/overShadowed/count", "segment/unneededEternityTombstone/count",
                           "segment/unavailable/count", "segment/underReplicated/count", "segment/availableDeepStorageOnly/count",
                           "segment/cost/*", "tier/*", "compact/task/count", "compactTask/*", "killTask/*", "kill/*",
                           "segment/waitCompact/*", "segment/compacted/*", "segment/skipCompact/*", "interval/*", "coordinator/*"],
                          on: [.coordinator], when: .always, leaderOnly: true),
        // Every process with the ZooKeeper service (the default).
        DruidMetricOrigin(["zk/connected"], on: every, when: .always),
        // Monitors.
        DruidMetricOrigin(["jvm/*"], on: every, when: .monitor("JvmMonitor")),
        DruidMetricOrigin(["service/heartbeat"], on: [.coordinator, .overlord], when: .monitor("ServiceStatusMonitor"), carrying: ["leader"]),
        DruidMetricOrigin(["service/heartbeat"], on: [.peon, .indexer], when: .monitor("ServiceStatusMonitor"), carrying: ["dataSource", "type"]),
        DruidMetricOrigin(["service/heartbeat"], on: [.broker, .router, .historical, .middleManager], when: .monitor("ServiceStatusMonitor"), carrying: []),
        DruidMetricOrigin(["jetty/*"], on: every, when: .monitor("JettyMonitor")),
        DruidMetricOrigin(["sys/*"], on: every, when: .monitor("OshiSysMonitor")),
        DruidMetricOrigin(["sys/*"], on: every, when: .monitor("SysMonitor")),
        DruidMetricOrigin(["cgroup/cpu/*"], on: every, when: .monitor("CgroupCpuMonitor")),
        DruidMetricOrigin(["cgroup/cpuset/*"], on: every, when: .monitor("CgroupCpuSetMonitor")),
        DruidMetricOrigin(["cgroup/disk/*"], on: every, when: .monitor("CgroupDiskMonitor")),
        DruidMetricOrigin(["cgroup/memory/*"], on: every, when: .monitor("CgroupMemoryMonitor")),
        DruidMetricOrigin(["query/count", "query/success/count", "query/failed/count", "query/interrupted/count",
                           "query/timeout/count", "mergeBuffer/pendingRequests"],
                          on: queryServing, when: .monitor("QueryCountStatsMonitor")),
        DruidMetricOrigin(["groupBy/*", "mergeBuffer/acquisitionTimeNs", "mergeBuffer/bytesUsed", "mergeBuffer/maxAcquisitionTimeNs",
                           "mergeBuffer/maxBytesUsed", "mergeBuffer/queries", "mergeBuffer/used"],
                          on: queryServing, when: .monitor("GroupByStatsMonitor")),
        DruidMetricOrigin(["subquery/rowLimit/count", "subquery/byteLimit/count", "subquery/fallback/*",
                           "query/rowLimit/exceeded/count", "query/byteLimit/exceeded/count"],
                          on: [.broker], when: .monitor("SubqueryCountStatsMonitor")),
        DruidMetricOrigin(["query/cache/*"], on: [.broker, .historical], when: .monitor("CacheMonitor")),
        DruidMetricOrigin(["segment/max", "segment/used", "segment/usedPercent", "segment/count", "segment/pendingDelete"],
                          on: [.historical], when: .monitor("HistoricalMetricsMonitor")),
        DruidMetricOrigin(["segment/rowCount/*"], on: [.historical], when: .monitor("SegmentStatsMonitor")),
        DruidMetricOrigin(["task/success/count", "task/failed/count", "task/running/count", "task/pending/count", "task/waiting/count"],
                          on: [.overlord], when: .monitor("TaskCountStatsMonitor"), leaderOnly: true),
        DruidMetricOrigin(["taskSlot/*"], on: [.overlord], when: .monitor("TaskSlotCountStatsMonitor"), leaderOnly: true),
        // A MiddleManager reports its slots by category; an indexer its tasks by dataSource.
        DruidMetricOrigin(["worker/*"], on: [.middleManager], when: .monitor("WorkerTaskCountStatsMonitor"), carrying: ["category"]),
        DruidMetricOrigin(["worker/*"], on: [.indexer], when: .monitor("WorkerTaskCountStatsMonitor"), carrying: ["dataSource"]),
        DruidMetricOrigin(["ingest/shuffle/*"], on: [.middleManager, .indexer], when: .monitor("ShuffleMonitor")),
    ]

    /// Catalog metrics the estimate leaves out, and why: each needs a setting that is off
    /// by default, or is emitted only on a rare event.
    public static let uncounted: [(metrics: GlobList, reason: String)] = [
        (GlobList(["query/priority"]), "only with a query laning strategy"),
        (GlobList(["query/segments/count"]), "off by default (QueryMetrics)"),
        (GlobList(["query/intervalChunk/time"]), "only with chunkPeriod, removed from recent Druid"),
        (GlobList(["metadata/kill/*"]), "only with druid.coordinator.kill.*.on"),
        (GlobList(["metadatacache/backfill/count", "metadatacache/deepStorageOnly/*", "metadatacache/finalized*",
                   "metadatacache/realtimeSegmentSchema/count", "metadatacache/temporary*", "schemacache/*"]),
         "only with centralized datasource schema"),
        (GlobList(["s3/upload/*"]), "only for MSQ export or durable storage on S3"),
        (GlobList(["task/autoScaler/requiredCount"]), "only with the lag-based task autoscaler"),
        (GlobList(["zk/reconnect/time"]), "only on a reconnection"),
    ]
}
