extension DruidDashboards {
    /// What druidwatch publishes about itself to CloudWatch: its emitter intake and its
    /// deliveries (spool, lost datums, failed PutMetricData calls), the metrics of the
    /// druidwatch alarms. The finer figures (per source, request latency, retries) are
    /// served locally, on `/metrics` and by `druidwatch status`.
    static func agent(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .druidwatch, "The agents' deliveries to CloudWatch, their emitter receivers and Druid's alerts, per instance.")

        let agent = AgentDeliveryFigures.Name.self
        board.graph("Spool size (bytes)", [.series(board.search(agent.spoolBytes), stat: "Maximum")], width: 6, yAxis: zeroAxis)
        board.graph("Age of the oldest spooled data (s)", [.series(board.search(agent.spoolOldestAge), stat: "Maximum")], width: 6, yAxis: zeroAxis)
        board.graph("Datums lost (per reason)", [.series(board.search(agent.datumsDropped), stat: "Sum")], width: 6, yAxis: zeroAxis)
        board.graph("PutMetricData calls failed (per outcome)", [.series(board.search(agent.publishErrors), stat: "Sum")], width: 6, yAxis: zeroAxis)

        board.graph("Emitter batches received per minute", [.series(board.search("druidwatch/emitter/batches"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Emitter events received per minute", [.series(board.search("druidwatch/emitter/events"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Emitter batches refused (per reason)", [.series(board.search("druidwatch/emitter/refused"), stat: "Sum")], yAxis: zeroAxis)

        board.graph("Events rejected (malformed)", [.series(board.search("druidwatch/emitter/rejected_events"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Events of metrics not in the catalog", [.series(board.search("druidwatch/emitter/unknown_metrics"), stat: "Sum")], yAxis: zeroAxis)
        board.graph("Druid alerts (per service and severity)", [.series(board.search("druid/alerts"), stat: "Sum")], yAxis: zeroAxis)

        board.text("""
        ## The agent's own health
        An agent whose instance is missing from these graphs is not publishing at all; what an agent says while \
        CloudWatch refuses it all is spooled and shows once it is replayed. On the instance, \
        `druidwatch status` shows collection, delivery, the spool and CloudWatch calls; \
        `http://127.0.0.1:8787/metrics` serves the same as Prometheus text, and `/healthz` answers ok, degraded or stalled.
        """, height: 3)
        return board.dashboard(.druidwatch)
    }
}
