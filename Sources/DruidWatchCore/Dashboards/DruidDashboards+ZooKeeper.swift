extension DruidDashboards {
    /// The ZooKeeper ensemble, from the agents on its instances.
    static func zookeeper(_ parameters: DashboardParameters) -> Dashboard {
        var board = DashboardBuilder(parameters: parameters)
        header(&board, .zookeeper, "From the agents on the ZooKeeper instances (`sources.zookeeper.enabled`); one line per server.")
        func level(_ title: String, _ name: String, stat: String = "Maximum", width: Int = 8) {
            board.graph(title, [.series(board.search(name), stat: stat)], width: width, yAxis: zeroAxis)
        }
        level("Serving (1 = yes)", ZooKeeperMetrics.serving, stat: "Minimum")
        level("Leader (1 = yes)", ZooKeeperMetrics.isLeader)
        level("Synced followers (leader)", ZooKeeperMetrics.syncedFollowers)

        level("Average latency (ms)", ZooKeeperMetrics.averageLatency)
        level("Maximum latency (ms)", ZooKeeperMetrics.maximumLatency)
        level("Outstanding requests", ZooKeeperMetrics.outstandingRequests)

        level("Connections", ZooKeeperMetrics.aliveConnections)
        level("Znodes", ZooKeeperMetrics.znodeCount)
        level("Watches", ZooKeeperMetrics.watchCount)

        level("Ephemeral nodes", ZooKeeperMetrics.ephemeralsCount)
        level("Data size (bytes)", ZooKeeperMetrics.approximateDataSize)
        level("Open file descriptors", ZooKeeperMetrics.openFileDescriptors)

        board.graph("Packets per minute", [
            .series(board.search(ZooKeeperMetrics.packetsReceived), stat: "Sum"),
            .series(board.search(ZooKeeperMetrics.packetsSent), stat: "Sum"),
        ], width: 12, yAxis: zeroAxis)
        level("Pending syncs (leader)", ZooKeeperMetrics.pendingSyncs, width: 12)
        return board.dashboard(.zookeeper)
    }
}
