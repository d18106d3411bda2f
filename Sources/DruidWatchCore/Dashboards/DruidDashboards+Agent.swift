extension DruidDashboards {
    /// What druidwatch publishes about its own intake to CloudWatch. The rest of its
    /// health (datums sent and dropped, spool, CloudWatch calls) is served locally, on
    /// `/metrics` and by `druidwatch status`, not published.
    static func agent(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .druidwatch, "The agents' emitter receivers and Druid's alerts, per instance.")

        board.graph("Emitter batches received per minute", [.series(board.search("druidwatch/emitter/batches"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Emitter events received per minute", [.series(board.search("druidwatch/emitter/events"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Emitter batches refused (per reason)", [.series(board.search("druidwatch/emitter/refused"), stat: "Sum")], yAxis: zeroAxis)

        board.graph("Events rejected (malformed)", [.series(board.search("druidwatch/emitter/rejected_events"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Events of metrics not in the catalog", [.series(board.search("druidwatch/emitter/unknown_metrics"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Druid alerts (per service and severity)", [.series(board.search("druid/alerts"), stat: "Sum")], yAxis: zeroAxis)

        board.text("""
        ## The agent's own health
        An agent whose instance is missing from these graphs is not publishing at all. On the instance, \
        `druidwatch status` shows collection, delivery, the spool and CloudWatch calls; \
        `http://127.0.0.1:8787/metrics` serves the same as Prometheus text, and `/healthz` answers ok, degraded or stalled.
        """, height: 3)
        return board.dashboard(.druidwatch)
    }
}
