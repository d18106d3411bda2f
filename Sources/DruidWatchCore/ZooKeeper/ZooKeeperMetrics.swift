import Foundation

/// Turns ZooKeeper readings into samples. Levels come from the current reading alone;
/// the packet counters become per-interval amounts from the difference between two
/// readings, and nothing for an interval in which the server restarted or its
/// statistics were reset (`srst`), rather than a negative or a huge value.
///
/// The server state is not a dimension: it changes on every election, and each change
/// would start a new CloudWatch metric. `is_leader` carries what matters of it.
public enum ZooKeeperMetrics {
    public static let serving = "zookeeper/serving"
    public static let isLeader = "zookeeper/is_leader"
    public static let averageLatency = "zookeeper/avg_latency"
    public static let maximumLatency = "zookeeper/max_latency"
    public static let outstandingRequests = "zookeeper/outstanding_requests"
    public static let aliveConnections = "zookeeper/alive_connections"
    public static let znodeCount = "zookeeper/znode_count"
    public static let watchCount = "zookeeper/watch_count"
    public static let ephemeralsCount = "zookeeper/ephemerals_count"
    public static let approximateDataSize = "zookeeper/approximate_data_size"
    public static let openFileDescriptors = "zookeeper/open_file_descriptors"
    public static let followers = "zookeeper/followers"
    public static let syncedFollowers = "zookeeper/synced_followers"
    public static let pendingSyncs = "zookeeper/pending_syncs"
    public static let packetsReceived = "zookeeper/packets_received"
    public static let packetsSent = "zookeeper/packets_sent"

    /// `current` is nil when the server could not be read or said it is not serving:
    /// then only `serving` and `is_leader` are reported, both 0, so that an alarm on
    /// `serving` sees the outage instead of missing data.
    public static func samples(previous: ZooKeeperStats?, current: ZooKeeperStats?, timestamp: Date) -> [Sample] {
        var samples: [Sample] = []
        func add(_ name: String, _ value: Double, _ unit: MetricUnit, _ kind: SampleKind = .gauge) {
            samples.append(Sample(name: name, value: value, unit: unit, kind: kind, timestamp: timestamp))
        }
        // ZooKeeper prints -1 for a figure it cannot know (no file descriptor count off
        // Unix, no response size yet); that is an absence, not a level.
        func level(_ name: String, _ value: Int64?, _ unit: MetricUnit = .count) {
            if let value, value >= 0 { add(name, Double(value), unit) }
        }
        func latency(_ name: String, _ value: Double?) {
            if let value, value >= 0 { add(name, value, .milliseconds) }
        }

        guard let current else {
            add(serving, 0, .none)
            add(isLeader, 0, .none)
            return samples
        }
        add(serving, current.serverState?.isServing == true ? 1 : 0, .none)
        add(isLeader, current.serverState == .leader ? 1 : 0, .none)
        latency(averageLatency, current.averageLatency)
        latency(maximumLatency, current.maximumLatency)
        level(outstandingRequests, current.outstandingRequests)
        level(aliveConnections, current.aliveConnections)
        level(znodeCount, current.znodeCount)
        level(watchCount, current.watchCount)
        level(ephemeralsCount, current.ephemeralsCount)
        level(approximateDataSize, current.approximateDataSize, .bytes)
        level(openFileDescriptors, current.openFileDescriptors)
        level(followers, current.followers)
        level(syncedFollowers, current.syncedFollowers)
        level(pendingSyncs, current.pendingSyncs)

        guard let previous, !restarted(previous, current) else { return samples }
        if let received = delta(previous.packetsReceived, current.packetsReceived) {
            add(packetsReceived, Double(received), .count, .counter)
        }
        if let sent = delta(previous.packetsSent, current.packetsSent) {
            add(packetsSent, Double(sent), .count, .counter)
        }
        return samples
    }

    /// An uptime that went backwards is a restart even when the counters have already
    /// climbed past their old values; without uptime (before 3.6) only a counter that
    /// went backwards shows it.
    private static func restarted(_ previous: ZooKeeperStats, _ current: ZooKeeperStats) -> Bool {
        guard let before = previous.uptimeMilliseconds, let after = current.uptimeMilliseconds else { return false }
        return after < before
    }

    private static func delta(_ before: Int64?, _ after: Int64?) -> Int64? {
        guard let before, let after, before >= 0, after >= before else { return nil }
        return after - before
    }
}
