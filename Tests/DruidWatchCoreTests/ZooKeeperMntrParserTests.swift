import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// `mntr` answers captured from Debian's ZooKeeper 3.8.0 (standalone, and a leader and a
/// follower of a three-server ensemble on loopback), then damaged ones.
@Suite struct ZooKeeperMntrParserTests {
    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("zookeeper/\(name)"))
    }

    @Test func standaloneServer() throws {
        let stats = try MntrParser.parse(fixture("mntr-standalone.txt"))
        #expect(stats.serverState == .standalone)
        #expect(stats.version == "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC")
        #expect(stats.averageLatency == 9.5385)
        #expect(stats.maximumLatency == 56)
        #expect(stats.minimumLatency == 1)
        #expect(stats.packetsReceived == 14)
        #expect(stats.packetsSent == 14)
        #expect(stats.aliveConnections == 2)
        #expect(stats.outstandingRequests == 0)
        #expect(stats.znodeCount == 9)
        #expect(stats.watchCount == 2)
        #expect(stats.ephemeralsCount == 1)
        #expect(stats.approximateDataSize == 109)
        #expect(stats.openFileDescriptors == 45)
        #expect(stats.uptimeMilliseconds == 35953)
        // Leader-only figures are absent, not zero.
        #expect(stats.followers == nil && stats.syncedFollowers == nil && stats.pendingSyncs == nil)
        // ~480 other entries (histograms, per-namespace figures) are ignored, not skipped.
        #expect(stats.skippedEntries == 0)
    }

    @Test func leaderAndFollowerOfAnEnsemble() throws {
        let leader = try MntrParser.parse(fixture("mntr-leader.txt"))
        #expect(leader.serverState == .leader)
        // 3.6+ calls it zk_learners; 3.4/3.5 and ClickHouse Keeper zk_followers.
        #expect(leader.followers == 2)
        #expect(leader.syncedFollowers == 2)
        #expect(leader.pendingSyncs == 0)
        #expect(leader.znodeCount == 8)
        #expect(leader.averageLatency == 13.5)
        #expect(leader.skippedEntries == 0)

        let follower = try MntrParser.parse(fixture("mntr-follower.txt"))
        #expect(follower.serverState == .follower)
        #expect(follower.followers == nil)
        #expect(follower.znodeCount == 8)
        #expect(follower.averageLatency == 0)
    }

    @Test func serverOutsideItsQuorumSaysItIsNotServing() throws {
        #expect(throws: ZooKeeperParseError.notServing(ZooKeeperParseError.notServingMessage)) {
            try MntrParser.parse(fixture("mntr-not-serving.txt"))
        }
    }

    @Test func wordMissingFromTheWhitelistIsRefused() throws {
        #expect(throws: ZooKeeperParseError.commandRefused("mntr is not executed because it is not in the whitelist.")) {
            try MntrParser.parse(fixture("mntr-not-whitelisted.txt"))
        }
    }

    @Test func olderServersAndClickHouseKeeperSpellTheFollowerCountFollowers() throws {
        // ZooKeeper 3.4's layout, tab-separated, as its MonitorCommand printed it.
        let text = """
            zk_version\t3.4.14-4c25d480e66aadd371de8bd2fd8da255ac140bcf, built on 03/06/2019 16:18 GMT
            zk_avg_latency\t0
            zk_max_latency\t8104
            zk_min_latency\t0
            zk_packets_received\t29995759
            zk_packets_sent\t29999526
            zk_num_alive_connections\t4
            zk_outstanding_requests\t0
            zk_server_state\tleader
            zk_znode_count\t3698
            zk_watch_count\t243
            zk_ephemerals_count\t15
            zk_approximate_data_size\t958775
            zk_open_file_descriptor_count\t39
            zk_max_file_descriptor_count\t18446744073709551615
            zk_followers\t4
            zk_synced_followers\t4
            zk_pending_syncs\t0

            """
        let stats = try MntrParser.parse(text)
        #expect(stats.serverState == .leader)
        #expect(stats.followers == 4)
        #expect(stats.packetsSent == 29_999_526)
        #expect(stats.uptimeMilliseconds == nil)
        // max_file_descriptor_count (2^64-1 on ClickHouse Keeper) is not read at all.
        #expect(stats.skippedEntries == 0)
    }

    @Test func windowsLineEndingsAndNullGaugesAreAccepted() throws {
        let stats = try MntrParser.parse("zk_server_state\tleader\r\nzk_learners\tnull\r\nzk_znode_count\t7\r\n")
        #expect(stats.serverState == .leader)
        #expect(stats.followers == nil)
        #expect(stats.znodeCount == 7)
        #expect(stats.skippedEntries == 0)
    }

    @Test func otherStatesAreKeptAsSpelled() throws {
        #expect(try MntrParser.parse("zk_server_state\tread-only\n").serverState == .readOnly)
        #expect(try MntrParser.parse("zk_server_state\tobserver\n").serverState == .observer)
        #expect(try MntrParser.parse("zk_server_state\tlooking\n").serverState == .other("looking"))
    }

    // MARK: Damaged answers

    @Test func emptyAnswers() {
        #expect(throws: ZooKeeperParseError.empty) { try MntrParser.parse(Data()) }
        #expect(throws: ZooKeeperParseError.empty) { try MntrParser.parse(" \n\n\t\n") }
    }

    @Test func invalidUTF8IsRefusedAsAWhole() {
        var bytes = Array("zk_server_state\tleader\nzk_znode_count\t".utf8)
        bytes += [0xC3, 0x28, 0x0A]  // an invalid two-byte sequence
        #expect(throws: ZooKeeperParseError.invalidUTF8) { try MntrParser.parse(Data(bytes)) }
    }

    @Test func answerCutShortLosesItsLastLineOnly() throws {
        let full = try String(decoding: fixture("mntr-standalone.txt"), as: UTF8.self)
        // Cut inside "zk_approximate_data_size\t109": the partial "10" must not be read
        // as a smaller figure than the server sent.
        let cut = String(full[..<full.range(of: "zk_approximate_data_size\t109")!.upperBound].dropLast())
        let stats = try MntrParser.parse(cut)
        #expect(stats.approximateDataSize == nil)
        #expect(stats.skippedEntries == 1)
        #expect(stats.skipNotes.first?.contains("not ended by a newline") == true)
        #expect(stats.znodeCount == 9)

        // Cut before the server state: nothing trustworthy.
        #expect(throws: ZooKeeperParseError.truncated("no zk_server_state line before the response ends mid-line")) {
            try MntrParser.parse("zk_version\t3.8.0\nzk_server_sta")
        }
        #expect(throws: ZooKeeperParseError.truncated("no zk_server_state line before the response ends mid-line")) {
            try MntrParser.parse("zk_version\t3.8.0\nzk_server_state\tlea")
        }
    }

    @Test func wrongTypesAreSkippedAndCounted() throws {
        let stats = try MntrParser.parse("""
            zk_server_state\tfollower
            zk_znode_count\tmany
            zk_watch_count\t12.5
            zk_packets_received\t0x10
            zk_ephemerals_count\t
            zk_avg_latency\t1,5
            zk_outstanding_requests\t3
            a line without a tab
            zk_num_alive_connections\t 4

            """)
        #expect(stats.serverState == .follower)
        #expect(stats.outstandingRequests == 3)
        #expect(stats.znodeCount == nil && stats.watchCount == nil && stats.packetsReceived == nil)
        #expect(stats.ephemeralsCount == nil && stats.averageLatency == nil && stats.aliveConnections == nil)
        #expect(stats.skippedEntries == 7)
        #expect(stats.skipNotes.count == ZooKeeperStats.maximumSkipNotes)
        #expect(stats.skipNotes[0] == "znode_count: many: not a number")
        #expect(stats.skipNotes[1] == "watch_count: 12.5: expected a whole number")
    }

    @Test func nonFiniteAndHugeNumbersAreRejectedClearly() throws {
        let stats = try MntrParser.parse("""
            zk_server_state\tleader
            zk_avg_latency\tNaN
            zk_max_latency\tInfinity
            zk_min_latency\t-Infinity
            zk_znode_count\t9007199254740993
            zk_approximate_data_size\t1.0E400
            zk_watch_count\t99999999999999999999999999999999
            zk_packets_sent\t9007199254740992

            """)
        #expect(stats.averageLatency == nil && stats.maximumLatency == nil && stats.minimumLatency == nil)
        #expect(stats.znodeCount == nil && stats.approximateDataSize == nil && stats.watchCount == nil)
        #expect(stats.packetsSent == 9_007_199_254_740_992)  // 2^53 itself is still exact
        #expect(stats.skippedEntries == 6)
        #expect(stats.skipNotes[0] == "avg_latency: NaN: NaN is not a finite number")
        #expect(stats.skipNotes[3] == "znode_count: 9007199254740993: beyond ±2^53, where a double stops counting exactly")
    }

    @Test func javaSpellingsOfDoublesAreRead() throws {
        let stats = try MntrParser.parse("zk_server_state\tleader\nzk_avg_latency\t1.2345E7\nzk_max_latency\t5.0E-4\nzk_znode_count\t1.0E3\n")
        #expect(stats.averageLatency == 12_345_000)
        #expect(stats.maximumLatency == 0.0005)
        #expect(stats.znodeCount == 1000)
    }

    @Test func proseThatIsNotStatistics() {
        #expect(throws: ZooKeeperParseError.unrecognized("imok")) { try MntrParser.parse("imok") }
        // Without a server state an answer is not ZooKeeper's statistics.
        #expect(throws: ZooKeeperParseError.noServerState) { try MntrParser.parse("zk_znode_count\t4\n") }
        // Control characters from a hostile peer do not reach the logs.
        #expect(throws: ZooKeeperParseError.unrecognized("HTTP/1.1 400 Bad Request?")) {
            try MntrParser.parse("HTTP/1.1 400 Bad Request\u{1B}\n")
        }
    }

    @Test func hugeGarbageDoesNotCrash() {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        bytes.append(0x0A)
        #expect(throws: ZooKeeperParseError.self) { try MntrParser.parse(Data(bytes)) }
        let tabs = String(repeating: "zk_znode_count\t\t\t\n", count: 10_000)
        #expect(throws: ZooKeeperParseError.noServerState) { try MntrParser.parse(tabs) }
    }
}
