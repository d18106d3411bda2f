extension DruidDashboards {
    /// One screen for the whole cluster: process health, queries, ingestion, segments,
    /// JVMs, hosts and ZooKeeper, each linking on to its own dashboard.
    static func overview(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .overview, "The cluster at a glance; every graph is a search over the agents' metrics, so new instances, services and dataSources appear by themselves.")
        if !parameters.alarmARNs.isEmpty { board.alarmStatus("Alarms") }
        if let fleet = parameters.fleet, !fleet.isEmpty {
            let lines = ["## What CloudWatch shows of the cluster"] + fleet.markdownLines
            board.text(lines.joined(separator: "\n"), height: 1 + lines.count)
        }
        let broker = board.service("druid/broker")

        board.graph("Alarm states in ALARM (druidwatch evaluator)", [.series(board.search(EvaluatorMetrics.firing), stat: "Maximum")], width: 12, height: 4, yAxis: zeroAxis)
        board.graph("Evaluator cycles per minute (none: nothing can page)", [.series(board.search(EvaluatorMetrics.cycles), stat: "Sum")], width: 12, height: 4, yAxis: zeroAxis)

        board.graph("Druid processes up (1 = healthy, per service and instance)", [.series(board.search(DruidHealthMetrics.up), stat: "Minimum")], width: 12, yAxis: zeroAxis)
        board.graph("Coordinator / overlord leader", [.series(board.search(DruidHealthMetrics.leader), stat: "Maximum")], width: 6, yAxis: zeroAxis)
        board.graph("ZooKeeper serving", [.series(board.search(ZooKeeperMetrics.serving), stat: "Minimum")], width: 6, yAxis: zeroAxis)

        board.graph("Queries per minute (brokers)", [
            .combined("SUM", board.search("query/count", [broker]), stat: "Sum", label: "queries"),
            .combined("SUM", board.search("query/failed/count", [broker]), stat: "Sum", label: "failed"),
        ], yAxis: zeroAxis)
        board.graph("Broker query time, slowest dataSource and type (ms)", [
            .combined("MAX", board.search("query/time", [broker]), stat: "p50", label: "p50"),
            .combined("MAX", board.search("query/time", [broker]), stat: "p99", label: "p99"),
        ], yAxis: zeroAxis)
        board.graph("Failed, interrupted and timed-out queries (brokers)", [
            .combined("SUM", board.search("query/failed/count", [broker]), stat: "Sum", label: "failed"),
            .combined("SUM", board.search("query/interrupted/count", [broker]), stat: "Sum", label: "interrupted"),
            .combined("SUM", board.search("query/timeout/count", [broker]), stat: "Sum", label: "timed out"),
        ], yAxis: zeroAxis)

        board.graph("Ingested events per minute", [
            .combined("SUM", board.search("ingest/events/processed"), stat: "Sum", label: "processed"),
            .combined("SUM", board.search("ingest/events/unparseable"), stat: "Sum", label: "unparseable"),
        ], yAxis: zeroAxis)
        board.graph("Streaming lag (Kafka messages, Kinesis ms on the right)", [
            .series(board.search("ingest/kafka/lag"), stat: "Maximum"),
            .series(board.search("ingest/kinesis/lag/time"), stat: "Maximum", axis: .right),
        ], yAxis: zeroAxis)
        board.graph("Tasks per minute", [
            .combined("SUM", board.search("task/success/count"), stat: "Sum", label: "succeeded"),
            .combined("SUM", board.search("task/failed/count"), stat: "Sum", label: "failed"),
        ], yAxis: zeroAxis)

        board.graph("Segments unavailable (per dataSource)", [.series(board.search("segment/unavailable/count"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Segments under-replicated (per dataSource and tier)", [.series(board.search("segment/underReplicated/count"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Segments waiting to load (per historical)", [.series(board.search("segment/loadQueue/count"), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("JVM heap used (bytes, per service and instance)", [.series(board.search("jvm/mem/used", [MetricDimension("memKind", "heap")]), stat: "Maximum")], width: 12, yAxis: zeroAxis)
        board.graph("GC time per minute (ms, per collector)", [.series(board.search("jvm/gc/time"), stat: "Sum")], width: 12, yAxis: zeroAxis)

        board.graph("Host CPU used %", [.series(board.search("cpu_usage_active"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Host memory used %", [.series(board.search("mem_used_percent"), stat: "Maximum")], yAxis: percentAxis)
        board.graph("Disk used % (per file system)", [.series(board.search("disk_used_percent"), stat: "Maximum")], yAxis: percentAxis)

        board.graph("ZooKeeper average latency (ms)", [.series(board.search(ZooKeeperMetrics.averageLatency), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("ZooKeeper outstanding requests", [.series(board.search(ZooKeeperMetrics.outstandingRequests), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("ZooKeeper connections", [.series(board.search(ZooKeeperMetrics.aliveConnections), stat: "Maximum")], yAxis: zeroAxis)

        board.newRow()
        let paging = parameters.alarms.filter { $0.severity == "page" }.count
        board.text(firstChecks(parameters), height: 6 + (paging > 0 ? paging + 2 : 0))
        return board.dashboard(.overview)
    }

    /// Where to look first when a graph above goes wrong, and the paging alarms with
    /// their runbooks.
    static func firstChecks(_ parameters: DashboardParameters) -> String {
        var lines = [
            "## Where to look first",
            "- **A process is down (0):** its instance on [Hosts](\(consoleURL(parameters, .hosts))) and its heap and GC on [JVM](\(consoleURL(parameters, .jvm))); a JVM that spends its time collecting answers health checks late.",
            "- **Segments unavailable or under-replicated:** the load queues and historicals' readiness on [Segments](\(consoleURL(parameters, .segments))), then the historicals' disks on [Hosts](\(consoleURL(parameters, .hosts))).",
            "- **Slow or failing queries:** per-dataSource times and the historicals' share on [Queries](\(consoleURL(parameters, .query))).",
            "- **Ingestion lag growing:** task failures and persists on [Ingestion](\(consoleURL(parameters, .ingestion))).",
            "- **ZooKeeper not serving:** [ZooKeeper](\(consoleURL(parameters, .zookeeper))); Druid cannot elect leaders or announce segments without it.",
            "- **Graphs empty:** the agents themselves on [druidwatch agent](\(consoleURL(parameters, .druidwatch))).",
        ]
        let paging = parameters.alarms.filter { $0.severity == "page" }
        if !paging.isEmpty {
            lines.append("")
            lines.append("## Alarms that page")
            lines += paging.map { "- [\($0.name)](\($0.runbookURL)): \($0.condition)" }
        }
        return lines.joined(separator: "\n")
    }
}
