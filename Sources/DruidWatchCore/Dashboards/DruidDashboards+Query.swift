extension DruidDashboards {
    /// Query load, latency and failures on the brokers and the historicals' share of it.
    static func query(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .query, "Query time is per dataSource and query type on the brokers (the whole query) and historicals (their part).")
        let broker = board.service("druid/broker")
        let historical = board.service("druid/historical")

        board.graph("Queries per minute by service", [
            .series(board.search("query/count"), stat: "Sum"),
        ], width: 12, yAxis: zeroAxis)
        board.graph("Query outcomes per minute (brokers)", [
            .combined("SUM", board.search("query/success/count", [broker]), stat: "Sum", label: "succeeded"),
            .combined("SUM", board.search("query/failed/count", [broker]), stat: "Sum", label: "failed"),
            .combined("SUM", board.search("query/interrupted/count", [broker]), stat: "Sum", label: "interrupted"),
            .combined("SUM", board.search("query/timeout/count", [broker]), stat: "Sum", label: "timed out"),
        ], width: 12, yAxis: zeroAxis)

        for stat in ["p50", "p99"] {
            board.graph("Broker query time \(stat) (ms, per dataSource and type)", [.series(board.search("query/time", [broker]), stat: stat)], width: 12, yAxis: zeroAxis)
        }
        board.graph("Historical query time p99 (ms)", [.series(board.search("query/time", [historical]), stat: "p99")], yAxis: zeroAxis)
        board.graph("Segment scan time p99 (ms, historicals)", [.series(board.search("query/segment/time"), stat: "p99")], yAxis: zeroAxis)
        board.graph("Wait for a processing thread p99 (ms)", [.series(board.search("query/wait/time"), stat: "p99")], yAxis: zeroAxis)

        board.graph("SQL query time p99 (ms, per dataSource)", [.series(board.search("sqlQuery/time"), stat: "p99")], yAxis: zeroAxis)
        board.graph("Broker to data node time p99 (ms, per server)", [.series(board.search("query/node/time"), stat: "p99")], yAxis: zeroAxis)
        board.graph("Segment scans pending (historicals)", [.series(board.search("segment/scan/pending"), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Query CPU time p99 (µs, per dataSource and type)", [.series(board.search("query/cpu/time"), stat: "p99")], yAxis: zeroAxis)
        board.graph("Bytes returned per minute", [.combined("SUM", board.search("query/bytes"), stat: "Sum", label: "bytes")], yAxis: zeroAxis)
        board.graph("Cache hit rate % (per service)", [.series(board.search("query/cache/total/hitRate"), stat: "Average")], yAxis: percentAxis)
        return board.dashboard(.query)
    }
}
