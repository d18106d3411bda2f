import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct ZooKeeperMetricsTests {
    let now = Date(timeIntervalSince1970: 1_764_064_800)

    private func byName(_ samples: [Sample]) -> [String: Sample] {
        Dictionary(uniqueKeysWithValues: samples.map { ($0.name, $0) })
    }

    @Test func leaderReadingBecomesLevels() throws {
        let stats = try MntrParser.parse(Data(contentsOf: Fixtures.url("zookeeper/mntr-leader.txt")))
        let samples = ZooKeeperMetrics.samples(previous: nil, current: stats, timestamp: now)
        let named = byName(samples)
        let expected: [(String, Double, MetricUnit)] = [
            ("zookeeper/serving", 1, .none),
            ("zookeeper/is_leader", 1, .none),
            ("zookeeper/avg_latency", 13.5, .milliseconds),
            ("zookeeper/max_latency", 49, .milliseconds),
            ("zookeeper/outstanding_requests", 0, .count),
            ("zookeeper/alive_connections", 2, .count),
            ("zookeeper/znode_count", 8, .count),
            ("zookeeper/watch_count", 2, .count),
            ("zookeeper/ephemerals_count", 1, .count),
            ("zookeeper/approximate_data_size", 227, .bytes),
            ("zookeeper/open_file_descriptors", 51, .count),
            ("zookeeper/followers", 2, .count),
            ("zookeeper/synced_followers", 2, .count),
            ("zookeeper/pending_syncs", 0, .count),
        ]
        #expect(samples.count == expected.count)
        for (name, value, unit) in expected {
            #expect(named[name]?.value == value, "\(name)")
            #expect(named[name]?.unit == unit, "\(name)")
            #expect(named[name]?.kind == .gauge, "\(name)")
        }
        // The state changes with every election: it must not split the series.
        #expect(samples.allSatisfy { $0.dimensions.isEmpty && $0.timestamp == now })
        // Counters need two readings.
        #expect(named["zookeeper/packets_received"] == nil)
    }

    @Test func followerIsServingButNotLeaderAndHasNoFollowerCounts() throws {
        let stats = try MonitorJSONParser.parse(Data(contentsOf: Fixtures.url("zookeeper/monitor-follower.json")))
        let named = byName(ZooKeeperMetrics.samples(previous: nil, current: stats, timestamp: now))
        #expect(named["zookeeper/serving"]?.value == 1)
        #expect(named["zookeeper/is_leader"]?.value == 0)
        #expect(named["zookeeper/followers"] == nil && named["zookeeper/synced_followers"] == nil)
    }

    @Test func packetCountersBecomeIntervalAmounts() {
        let before = ZooKeeperStats(serverState: .standalone, packetsReceived: 100, packetsSent: 90, uptimeMilliseconds: 60_000)
        let after = ZooKeeperStats(serverState: .standalone, packetsReceived: 130, packetsSent: 90, uptimeMilliseconds: 120_000)
        let named = byName(ZooKeeperMetrics.samples(previous: before, current: after, timestamp: now))
        #expect(named["zookeeper/packets_received"]?.value == 30)
        #expect(named["zookeeper/packets_received"]?.kind == .counter)
        #expect(named["zookeeper/packets_received"]?.unit == .count)
        #expect(named["zookeeper/packets_sent"]?.value == 0)
    }

    @Test func restartsAndResetsYieldNoCounterAmounts() {
        let before = ZooKeeperStats(serverState: .leader, packetsReceived: 100, packetsSent: 100, uptimeMilliseconds: 600_000)
        // Restarted, and busy enough since to pass the old totals: uptime tells.
        let restarted = ZooKeeperStats(serverState: .leader, packetsReceived: 500, packetsSent: 400, uptimeMilliseconds: 30_000)
        var named = byName(ZooKeeperMetrics.samples(previous: before, current: restarted, timestamp: now))
        #expect(named["zookeeper/packets_received"] == nil && named["zookeeper/packets_sent"] == nil)
        #expect(named["zookeeper/serving"]?.value == 1)

        // `srst` or a server without uptime (before 3.6): the counter itself went back.
        let reset = ZooKeeperStats(serverState: .leader, packetsReceived: 5, packetsSent: 120)
        named = byName(ZooKeeperMetrics.samples(previous: ZooKeeperStats(serverState: .leader, packetsReceived: 100, packetsSent: 100), current: reset, timestamp: now))
        #expect(named["zookeeper/packets_received"] == nil)
        #expect(named["zookeeper/packets_sent"]?.value == 20)

        // A figure missing on either side gives nothing rather than a guess.
        named = byName(ZooKeeperMetrics.samples(previous: ZooKeeperStats(serverState: .leader), current: reset, timestamp: now))
        #expect(named["zookeeper/packets_received"] == nil && named["zookeeper/packets_sent"] == nil)
    }

    @Test func unreachableServerIsReportedAsNotServing() {
        let previous = ZooKeeperStats(serverState: .leader, packetsReceived: 1)
        let samples = ZooKeeperMetrics.samples(previous: previous, current: nil, timestamp: now)
        #expect(samples == [
            Sample(name: "zookeeper/serving", value: 0, unit: .none, kind: .gauge, timestamp: now),
            Sample(name: "zookeeper/is_leader", value: 0, unit: .none, kind: .gauge, timestamp: now),
        ])
    }

    @Test func onlyWorkingStatesCountAsServing() {
        let states: [(ZooKeeperServerState?, Double)] = [
            (.leader, 1), (.follower, 1), (.observer, 1), (.standalone, 1),
            (.readOnly, 0), (.other("looking"), 0), (nil, 0),
        ]
        for (state, serving) in states {
            let named = byName(ZooKeeperMetrics.samples(previous: nil, current: ZooKeeperStats(serverState: state), timestamp: now))
            #expect(named["zookeeper/serving"]?.value == serving, "\(String(describing: state))")
        }
    }

    @Test func unknownFiguresSpelledMinusOneAreLeftOut() {
        let stats = ZooKeeperStats(serverState: .standalone, averageLatency: -1, znodeCount: 4, openFileDescriptors: -1)
        let named = byName(ZooKeeperMetrics.samples(previous: nil, current: stats, timestamp: now))
        #expect(named["zookeeper/open_file_descriptors"] == nil)
        #expect(named["zookeeper/avg_latency"] == nil)
        #expect(named["zookeeper/znode_count"]?.value == 4)
    }
}
