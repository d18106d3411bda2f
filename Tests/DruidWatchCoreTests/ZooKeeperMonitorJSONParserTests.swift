import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// AdminServer `/commands/monitor` answers captured from Debian's ZooKeeper 3.8.0 (the
/// same servers as the `mntr` fixtures, moments later), then damaged ones.
@Suite struct ZooKeeperMonitorJSONParserTests {
    private func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("zookeeper/\(name)"))
    }

    @Test func standaloneServer() throws {
        let stats = try MonitorJSONParser.parse(fixture("monitor-standalone.json"))
        #expect(stats.serverState == .standalone)
        #expect(stats.version == "3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC")
        #expect(stats.averageLatency == 9.5385)
        #expect(stats.maximumLatency == 56)
        #expect(stats.minimumLatency == 1)
        #expect(stats.packetsReceived == 14)
        #expect(stats.packetsSent == 17)
        // mntr's own connection counts in its figure; the HTTP request does not.
        #expect(stats.aliveConnections == 1)
        #expect(stats.znodeCount == 9)
        #expect(stats.watchCount == 2)
        #expect(stats.ephemeralsCount == 1)
        #expect(stats.approximateDataSize == 109)
        #expect(stats.openFileDescriptors == 46)
        #expect(stats.uptimeMilliseconds == 36064)
        #expect(stats.followers == nil)
        #expect(stats.skippedEntries == 0)
    }

    @Test func leaderAndFollowerAgreeWithMntr() throws {
        let leader = try MonitorJSONParser.parse(fixture("monitor-leader.json"))
        let leaderMntr = try MntrParser.parse(fixture("mntr-leader.txt"))
        #expect(leader.serverState == .leader)
        #expect(leader.followers == 2 && leader.syncedFollowers == 2 && leader.pendingSyncs == 0)
        for figure in [\ZooKeeperStats.znodeCount, \.ephemeralsCount, \.approximateDataSize, \.followers, \.syncedFollowers] {
            #expect(leader[keyPath: figure] == leaderMntr[keyPath: figure])
        }
        #expect(leader.version == leaderMntr.version)

        let follower = try MonitorJSONParser.parse(fixture("monitor-follower.json"))
        #expect(follower.serverState == .follower)
        #expect(follower.followers == nil)
        #expect(follower.znodeCount == 8)
    }

    @Test func jettyErrorPageOfANonServingServerIsNotJSON() throws {
        // 3.8.0 answers monitor outside a quorum with an HTTP 500 and this page
        // (a NullPointerException in MonitorCommand); the source then asks mntr.
        #expect(throws: ZooKeeperParseError.invalidJSON(offset: 0, reason: "expected '{'")) {
            try MonitorJSONParser.parse(fixture("monitor-not-serving-3.8.0.html"))
        }
    }

    @Test func commandErrorsCarriedInTheJSON() {
        // What other commands (and fixed servers' monitor) answer outside a quorum.
        let notServing = #"{"command" : "monitor", "error" : "This ZooKeeper instance is not currently serving requests"}"#
        #expect(throws: ZooKeeperParseError.notServing(ZooKeeperParseError.notServingMessage)) {
            try MonitorJSONParser.parse(notServing)
        }
        #expect(throws: ZooKeeperParseError.serverError("Unknown command: monitr")) {
            try MonitorJSONParser.parse(#"{"command" : "monitr", "error" : "Unknown command: monitr"}"#)
        }
    }

    @Test func serverStillStartingHasAStateButNoFigures() {
        // 3.8 between the AdminServer's start and the server's: dumpMonitorValues gives
        // version and state, the metrics provider only its counters, no gauges yet.
        let starting = #"{"version": "3.8.0", "server_state": "standalone", "packets_received": 0, "stale_requests": 0, "command": "monitor", "error": null}"#
        #expect(throws: ZooKeeperParseError.startingUp) { try MonitorJSONParser.parse(starting) }
        #expect(ZooKeeperParseError.startingUp.notServingReason != nil)
        #expect(ZooKeeperParseError.noServerState.notServingReason == nil)
    }

    @Test func anotherServiceOnThePortIsNotMistakenForZooKeeper() {
        #expect(throws: ZooKeeperParseError.noServerState) {
            try MonitorJSONParser.parse(#"{"status": "ok", "version": "33.0.0", "memory": {"maxMemory": 1024}}"#)
        }
        #expect(throws: ZooKeeperParseError.notAnObject) { try MonitorJSONParser.parse(#"["leader"]"#) }
        #expect(throws: ZooKeeperParseError.notAnObject) { try MonitorJSONParser.parse(#""leader""#) }
    }

    // MARK: Damaged answers

    @Test func emptyAnswers() {
        #expect(throws: ZooKeeperParseError.empty) { try MonitorJSONParser.parse(Data()) }
        #expect(throws: ZooKeeperParseError.empty) { try MonitorJSONParser.parse(" \r\n ") }
        #expect(throws: ZooKeeperParseError.noServerState) { try MonitorJSONParser.parse("{}") }
    }

    @Test func invalidUTF8() {
        var bytes = Array(#"{"server_state": "lea"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"der"}"#.utf8)
        #expect(throws: ZooKeeperParseError.invalidUTF8) { try MonitorJSONParser.parse(Data(bytes)) }
    }

    @Test func truncatedAnywhere() throws {
        let full = try fixture("monitor-leader.json")
        // Every cut of the first 2 KB, and a few later, fails cleanly: never a partial
        // reading, never a crash.
        for length in Array(1..<2048) + [full.count / 2, full.count - 2, full.count - 1] {
            let cut = full.prefix(length)
            do {
                _ = try MonitorJSONParser.parse(cut)
                Issue.record("a cut at \(length) bytes parsed")
            } catch .truncated {
                // expected
            } catch {
                Issue.record("a cut at \(length) bytes failed as \(error), not as truncated")
            }
        }
        #expect(try MonitorJSONParser.parse(full).serverState == .leader)
    }

    @Test func wrongTypesAreSkippedAndCounted() throws {
        let stats = try MonitorJSONParser.parse("""
            {
              "server_state" : "leader",
              "znode_count" : "8",
              "watch_count" : true,
              "ephemerals_count" : {"a": 1},
              "approximate_data_size" : [1, 2],
              "avg_latency" : "NaN",
              "max_latency" : 3.5,
              "learners" : 2.5,
              "packets_sent" : null,
              "outstanding_requests" : 4,
              "version" : 38,
              "command" : "monitor",
              "error" : null
            }
            """)
        #expect(stats.serverState == .leader)
        #expect(stats.maximumLatency == 3.5)
        #expect(stats.outstandingRequests == 4)
        #expect(stats.packetsSent == nil)
        #expect(stats.znodeCount == nil && stats.watchCount == nil && stats.ephemeralsCount == nil)
        #expect(stats.approximateDataSize == nil && stats.averageLatency == nil && stats.followers == nil && stats.version == nil)
        #expect(stats.skippedEntries == 7)
        #expect(stats.skipNotes[0] == "znode_count: expected a number, found a string")
        #expect(stats.skipNotes[1] == "watch_count: expected a number, found a boolean")
    }

    @Test func hugeNumbersAreRejectedClearly() throws {
        let stats = try MonitorJSONParser.parse("""
            {"server_state": "follower", "znode_count": 9007199254740993, "approximate_data_size": 1e400,
             "watch_count": -18446744073709551616, "avg_latency": 1.5e300, "packets_received": 9007199254740992}
            """)
        #expect(stats.znodeCount == nil && stats.approximateDataSize == nil && stats.watchCount == nil && stats.averageLatency == nil)
        #expect(stats.packetsReceived == 9_007_199_254_740_992)
        #expect(stats.skippedEntries == 4)
        #expect(stats.skipNotes.allSatisfy { $0.hasSuffix("beyond ±2^53, where a double stops counting exactly") })
    }

    @Test func deepNestingIsRefusedWithoutRecursion() throws {
        let depth = 100_000
        let nestedValue = #"{"server_state": "leader", "x": "# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(throws: ZooKeeperParseError.nestingTooDeep(limit: 64)) { try MonitorJSONParser.parse(nestedValue) }
        let nestedObjects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: ZooKeeperParseError.nestingTooDeep(limit: 64)) { try MonitorJSONParser.parse(nestedObjects) }
        // Top-level arrays are refused before any descent.
        #expect(throws: ZooKeeperParseError.notAnObject) { try MonitorJSONParser.parse(String(repeating: "[", count: depth)) }
        // Moderate nesting under an unknown key is skipped like any unknown entry.
        let moderate = #"{"x": [[{"y": ["]"]}]], "server_state": "leader", "znode_count": 5}"#
        #expect(try MonitorJSONParser.parse(moderate).serverState == .leader)
    }

    @Test func malformedJSON() {
        let cases: [(String, ZooKeeperParseError)] = [
            (#"{"server_state": leader}"#, .invalidJSON(offset: 17, reason: "expected a value")),
            (#"{"server_state": "leader",}"#, .invalidJSON(offset: 26, reason: "expected a key")),
            (#"{"server_state" "leader"}"#, .invalidJSON(offset: 16, reason: "expected ':'")),
            (#"{"server_state": "leader"} {}"#, .invalidJSON(offset: 27, reason: "more content after the object")),
            (#"{"server_state": "lea\qder"}"#, .invalidJSON(offset: 22, reason: "unknown escape")),
            (#"{"server_state": "\ud800"}"#, .invalidJSON(offset: 24, reason: "a high surrogate without its low half")),
            (#"{"server_state": "leader", "znode_count": 01}"#, .invalidJSON(offset: 43, reason: "expected ',' or '}'")),
            (#"{"znode_count": -}"#, .invalidJSON(offset: 17, reason: "expected a digit")),
            ("{\"server_state\": \"lea\u{01}der\"}", .invalidJSON(offset: 21, reason: "control character inside a string")),
            (#"{"server_state": tru"#, .truncated("the input ends inside true")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try MonitorJSONParser.parse(text) }
        }
    }

    @Test func escapesAndDuplicateKeys() throws {
        let stats = try MonitorJSONParser.parse(#"""
            {"version": "3.9 \u00e9\ud83d\ude00 \"q\" \\ \/", "server_\u0073tate": "standalone", "znode_count": 1, "znode_count": 2}
            """#)
        #expect(stats.version == "3.9 é😀 \"q\" \\ /")
        #expect(stats.serverState == .standalone)
        #expect(stats.znodeCount == 2)  // the last one wins, as in Jackson
    }
}
