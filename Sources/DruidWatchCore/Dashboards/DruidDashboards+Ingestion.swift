extension DruidDashboards {
    /// Events in, rows out, streaming lag, persists, handoffs and tasks.
    static func ingestion(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .ingestion, "Per dataSource; lag comes from the overlord's supervisors, the rest from the tasks (peons, indexers).")

        board.graph("Events per minute (per dataSource)", [.series(board.search("ingest/events/processed"), stat: "Sum")], width: 12, yAxis: zeroAxis)
        board.graph("Bad events per minute", [
            .combined("SUM", board.search("ingest/events/unparseable"), stat: "Sum", label: "unparseable"),
            .combined("SUM", board.search("ingest/events/processedWithError"), stat: "Sum", label: "processed with error"),
            .combined("SUM", board.search("ingest/events/thrownAway"), stat: "Sum", label: "thrown away"),
        ], width: 12, yAxis: zeroAxis)

        board.graph("Kafka lag (messages, per dataSource and stream)", [.series(board.search("ingest/kafka/lag"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Kafka max partition lag (messages)", [.series(board.search("ingest/kafka/maxLag"), stat: "Maximum")], yAxis: zeroAxis)
        board.graph("Kinesis lag (ms)", [.series(board.search("ingest/kinesis/lag/time"), stat: "Maximum")], yAxis: zeroAxis)

        board.graph("Rows output per minute", [.series(board.search("ingest/rows/output"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Persists per minute", [
            .combined("SUM", board.search("ingest/persists/count"), stat: "Sum", label: "persists"),
            .combined("SUM", board.search("ingest/persists/failed"), stat: "Sum", label: "failed"),
        ], yAxis: zeroAxis)
        board.graph("Persist back pressure (ms per minute)", [.series(board.search("ingest/persists/backPressure"), stat: "Sum")], yAxis: zeroAxis)

        board.graph("Handoffs per minute", [
            .combined("SUM", board.search("ingest/handoff/count"), stat: "Sum", label: "handed off"),
            .combined("SUM", board.search("ingest/handoff/failed"), stat: "Sum", label: "failed"),
        ], yAxis: zeroAxis)
        board.graph("Tasks finished per minute", [
            .combined("SUM", board.search("task/success/count"), stat: "Sum", label: "succeeded"),
            .combined("SUM", board.search("task/failed/count"), stat: "Sum", label: "failed"),
        ], yAxis: zeroAxis)
        board.graph("Tasks running, pending, waiting", [
            .combined("SUM", board.search("task/running/count"), stat: "Maximum", label: "running"),
            .combined("SUM", board.search("task/pending/count"), stat: "Maximum", label: "pending"),
            .combined("SUM", board.search("task/waiting/count"), stat: "Maximum", label: "waiting"),
        ], yAxis: zeroAxis)
        return board.dashboard(.ingestion)
    }
}
