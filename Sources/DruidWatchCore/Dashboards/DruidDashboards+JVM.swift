extension DruidDashboards {
    /// Heap, metaspace, collections, threads and classes of every Druid JVM, from the
    /// agent's perf-data reader and Druid's own JvmMonitor (both spell them alike).
    static func jvm(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .jvm, "One line per service and instance.")
        let heap = MetricDimension("memKind", "heap")

        board.graph("Heap used (bytes)", [.series(board.search("jvm/mem/used", [heap]), stat: "Maximum")], width: 12, yAxis: zeroAxis)
        board.graph("Heap max (bytes)", [.series(board.search("jvm/mem/max", [heap]), stat: "Maximum")], width: 12, yAxis: zeroAxis)

        board.graph("GC collections per minute (per collector)", [.series(board.search("jvm/gc/count"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("GC time per minute (ms, per collector)", [.series(board.search("jvm/gc/time"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Metaspace used (bytes)", [.series(board.search("jvm/mem/used", [MetricDimension("memKind", "nonheap")]), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Heap pools used (bytes, per pool)", [.series(board.search("jvm/pool/used", [MetricDimension("poolKind", "heap")]), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Live threads", [.series(board.search("jvm/threads/live"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Loaded classes", [.series(board.search("jvm/classes/loaded"), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Safepoint time per minute (ms)", [.series(board.search("jvm/safepoint/time"), stat: "Sum")], width: 12, yAxis: zeroAxis)
        board.graph("JVM uptime (s)", [.series(board.search("jvm/uptime"), stat: "Minimum")], width: 12, yAxis: zeroAxis)
        return board.dashboard(.jvm)
    }
}
