extension DruidDashboards {
    /// Segment availability and replication, the coordinator's load and drop queues,
    /// leadership and the readiness the health probes read.
    static func segments(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .segments, "The coordinator's view of segments (its leader emits these) and what the historicals are loading.")

        board.graph("Segments unavailable (per dataSource)", [.series(board.search("segment/unavailable/count"), stat: "Maximum")], width: 12, yAxis: zeroAxis)
        board.graph("Segments under-replicated (per dataSource and tier)", [.series(board.search("segment/underReplicated/count"), stat: "Maximum")], width: 12, yAxis: zeroAxis)

        board.graph("Load queue (segments, per historical)", [.series(board.search("segment/loadQueue/count"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Drop queue (segments, per historical)", [.series(board.search("segment/dropQueue/count"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Segments assigned per minute (per tier)", [.series(board.search("segment/assigned/count"), stat: "Sum")], yAxis: zeroAxis)

        board.graph("Loaded % per dataSource (coordinator loadstatus)", [.series(board.search(DruidHealthMetrics.loadStatusPercent), stat: "Minimum")], yAxis: percentAxis)
        board.graph("Historical and broker ready (1 = yes)", [.series(board.search(DruidHealthMetrics.ready), stat: "Minimum")], yAxis: zeroAxis)
        board.graph("Coordinator / overlord leader", [.series(board.search(DruidHealthMetrics.leader), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Segments (per dataSource)", [.series(board.search("segment/count"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Segment bytes (per dataSource)", [.series(board.search("segment/size"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Historical cache used % (per tier)", [.series(board.search("segment/usedPercent"), stat: "Maximum")], yAxis: percentAxis)

        board.graph("Intervals waiting for compaction", [.series(board.search("interval/waitCompact/count"), stat: "Maximum")], width: 12, yAxis: zeroAxis)
        board.graph("Coordinator run time p99 (ms)", [.series(board.search("coordinator/time"), stat: "p99")], width: 12, yAxis: zeroAxis)
        return board.dashboard(.segments)
    }
}
