/// The series each source of the agent produces on one instance of a tier, written
/// after the sources themselves (`HostMetrics`, `JVMMetrics`, `DruidHealthMetrics`,
/// `ZooKeeperMetrics`, the emitter receiver, `AgentDeliveryFigures`) so that the estimate
/// counts what they emit.
enum CostSeriesFamilies {
    static func families(on tier: ClusterTier, model: CostModel) -> [SeriesFamily] {
        let services = druidServices(on: tier, model: model)
        var families: [SeriesFamily] = []
        if model.sources.host { families += host(model.cardinalities) }
        if model.sources.jvm {
            for service in services { families += jvm(serviceName: service.defaultServiceName) }
            if tier == .zookeeper, model.sources.jvmIncludesNonDruid {
                families += jvm(serviceName: DruidServiceName.otherJVM(javaCommand: "org.apache.zookeeper.server.quorum.QuorumPeerMain"))
            }
        }
        if model.sources.druidEmitter, !services.isEmpty {
            for service in services { families += druidEmitter(service: service, model: model) }
            families += ["druidwatch/emitter/batches", "druidwatch/emitter/events"].map {
                SeriesFamily(source: .druidEmitter, metric: $0, dimensions: [])
            }
        }
        for service in services where model.sources.druidHealth.contains(service) {
            families += druidHealth(service: service, model: model)
        }
        if tier == .zookeeper {
            families += zookeeper(serving: true)
        } else if model.sources.zookeeperOnEveryTier {
            families += zookeeper(serving: false)
        }
        if model.sources.agentDelivery {
            // The counters of lost datums and failed calls exist only while something is
            // lost or failing: no standing series.
            families += [AgentDeliveryFigures.Name.spoolBytes, AgentDeliveryFigures.Name.spoolOldestAge].map {
                SeriesFamily(source: .druidwatch, metric: $0, dimensions: [])
            }
        }
        return families
    }

    /// The tier's Druid services; peons only where tasks run.
    static func druidServices(on tier: ClusterTier, model: CostModel) -> [DruidServiceKind] {
        model.fleet.services(on: tier).filter { $0 != .peon || model.cardinalities.peonsPerDataNode > 0 }
    }

    /// Historicals and peons: the servers a broker queries and a coordinator loads.
    static func segmentServers(_ model: CostModel) -> Int {
        model.fleet.nodes(running: .historical) + model.fleet.nodes(running: .middleManager) * model.cardinalities.peonsPerDataNode
    }

    static func host(_ assumed: AssumedCardinalities) -> [SeriesFamily] {
        let single = ["mem_used_percent", "mem_available_bytes", "load1", "load5", "load15",
                      "cpu_usage_active", "cpu_usage_user", "cpu_usage_system", "cpu_usage_iowait", "cpu_usage_steal", "cpu_usage_idle"]
        let perFilesystem = ["disk_used_percent", "disk_free_bytes", "disk_inodes_used_percent", "disk_inodes_free"]
        let perDisk = ["diskio_read_bytes_per_second", "diskio_write_bytes_per_second", "diskio_reads_per_second",
                       "diskio_writes_per_second", "diskio_utilization_percent"]
        let perInterface = ["net_bytes_recv_per_second", "net_bytes_sent_per_second", "net_packets_recv_per_second",
                            "net_packets_sent_per_second", "net_err_in", "net_err_out", "net_drop_in", "net_drop_out"]
        let filesystem = ["path": assumed.filesystems, "device": assumed.filesystems, "fstype": assumed.filesystems]
        return single.map { SeriesFamily(source: .host, metric: $0, dimensions: []) }
            + perFilesystem.map { SeriesFamily(source: .host, metric: $0, dimensions: ["path", "device", "fstype"], valueCounts: filesystem) }
            + perDisk.map { SeriesFamily(source: .host, metric: $0, dimensions: ["name"], valueCounts: ["name": assumed.disks]) }
            + perInterface.map { SeriesFamily(source: .host, metric: $0, dimensions: ["interface"], valueCounts: ["interface": assumed.interfaces]) }
    }

    /// G1 (every Druid JVM's default collector) as its perf data shows it: eden, s0, s1,
    /// old, metaspace and compressed class space; its young, full and concurrent-cycle
    /// pauses.
    static let perfDataPools = 6
    static let perfDataCollectors = 3

    static func jvm(serviceName: String) -> [SeriesFamily] {
        let service = ["Service": serviceName]
        func family(_ metric: String, _ dimensions: [String] = [], _ counts: [String: Int] = [:]) -> SeriesFamily {
            // Pools and collectors are named otherwise than by Druid's JvmMonitor (`eden`
            // against `G1 Eden Space`), so the two never share those series; memKind's
            // `heap` and `nonheap` are the same.
            SeriesFamily(source: .jvm, metric: metric, dimensions: ["Service"] + dimensions, fixedValues: service, valueCounts: counts,
                         valueDomains: ["poolName": "perf data", "gcName": "perf data"])
        }
        let memory = ["used", "committed", "max"]
        return memory.map { family("jvm/mem/\($0)", ["memKind"], ["memKind": 2]) }
            + memory.map { family("jvm/pool/\($0)", ["poolKind", "poolName"], ["poolKind": 2, "poolName": perfDataPools]) }
            + ["jvm/threads/live", "jvm/threads/daemon", "jvm/classes/loaded", "jvm/uptime"].map { family($0) }
            + ["jvm/gc/count", "jvm/gc/time"].map { family($0, ["gcName"], ["gcName": perfDataCollectors]) }
            + ["jvm/safepoints", "jvm/safepoint/time"].map { family($0) }
    }

    /// What a peon's one task at a time decides: its dataSource and what follows from it.
    static let taskDimensions: Set<String> = ["dataSource", "taskType", "stream", "topic"]

    static func druidEmitter(service: DruidServiceKind, model: CostModel) -> [SeriesFamily] {
        let servers = segmentServers(model)
        let runsTasks = service == .peon || service == .indexer
        var families: [SeriesFamily] = []
        for entry in model.catalog.entries {
            let emitters = DruidMetricOrigins.emitters(of: entry.name, monitors: model.druidMonitors, ingestion: model.ingestion)
            guard let emitter = emitters.first(where: { $0.service == service }) else { continue }
            let extras = Set(model.extraDimensions[entry.name] ?? [])
            let kept = model.mapper.keptDimensions(forMetric: entry.name).filter {
                $0 != model.serviceDimension && ((emitter.carried?.contains($0) ?? true) || extras.contains($0))
            }
            var counts: [String: Int] = [:]
            for name in kept { counts[name] = model.cardinalities.values(of: name, segmentServers: servers) }
            families.append(SeriesFamily(
                source: .druidEmitter,
                metric: entry.name,
                dimensions: [model.serviceDimension] + kept,
                fixedValues: [model.serviceDimension: service.defaultServiceName],
                valueCounts: counts,
                leaderOnly: emitter.leaderOnly,
                jointCap: runsTasks ? (taskDimensions, max(1, model.cardinalities.peonsPerDataNode)) : nil
            ))
        }
        return families
    }

    static func druidHealth(service: DruidServiceKind, model: CostModel) -> [SeriesFamily] {
        let fixed = [DruidHealthMetrics.serviceDimension: service.defaultServiceName]
        func family(_ metric: String) -> SeriesFamily {
            SeriesFamily(source: .druidHealth, metric: metric, dimensions: [DruidHealthMetrics.serviceDimension], fixedValues: fixed)
        }
        var families: [SeriesFamily] = []
        for probe in DruidHealthMetrics.probes(for: service) {
            switch probe.check {
            case .health: families += [family(DruidHealthMetrics.up), family(DruidHealthMetrics.latency)]
            case .leader: families.append(family(DruidHealthMetrics.leader))
            case .brokerLoadStatus, .historicalLoadStatus: families.append(family(DruidHealthMetrics.ready))
            case .coordinatorLoadStatus:
                families.append(SeriesFamily(
                    source: .druidHealth, metric: DruidHealthMetrics.loadStatusPercent,
                    dimensions: [DruidHealthMetrics.serviceDimension, DruidHealthMetrics.dataSourceDimension], fixedValues: fixed,
                    valueCounts: [DruidHealthMetrics.dataSourceDimension: model.cardinalities.dataSources], leaderOnly: true
                ))
            }
        }
        return families
    }

    /// On a serving ZooKeeper every figure (the followers' only on the leader); where
    /// none answers, `serving` and `is_leader` at 0.
    static func zookeeper(serving: Bool) -> [SeriesFamily] {
        func family(_ metric: String, leaderOnly: Bool = false) -> SeriesFamily {
            SeriesFamily(source: .zookeeper, metric: metric, dimensions: [], leaderOnly: leaderOnly)
        }
        let always = [ZooKeeperMetrics.serving, ZooKeeperMetrics.isLeader]
        guard serving else { return always.map { family($0) } }
        let levels = [ZooKeeperMetrics.averageLatency, ZooKeeperMetrics.maximumLatency, ZooKeeperMetrics.outstandingRequests,
                      ZooKeeperMetrics.aliveConnections, ZooKeeperMetrics.znodeCount, ZooKeeperMetrics.watchCount,
                      ZooKeeperMetrics.ephemeralsCount, ZooKeeperMetrics.approximateDataSize, ZooKeeperMetrics.openFileDescriptors,
                      ZooKeeperMetrics.packetsReceived, ZooKeeperMetrics.packetsSent]
        let leaderOnly = [ZooKeeperMetrics.followers, ZooKeeperMetrics.syncedFollowers, ZooKeeperMetrics.pendingSyncs]
        return (always + levels).map { family($0) } + leaderOnly.map { family($0, leaderOnly: true) }
    }
}
