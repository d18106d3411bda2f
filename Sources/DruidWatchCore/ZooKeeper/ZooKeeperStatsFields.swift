/// The entries both parsers know, by their name without `mntr`'s `zk_` prefix, and how
/// each value becomes a typed figure. Both response formats come from the same
/// `dumpMonitorValues` and metrics provider on the server, so one table serves both.
enum ZooKeeperStatsFields {
    /// One entry's value as the response spelled it, before it is given a type.
    enum RawValue {
        /// `mntr`: every value is text.
        case text(Substring)
        case string(String)
        /// A JSON number's lexeme.
        case number(Substring)
        case boolean(Bool)
        /// JSON `null`, or `mntr`'s `null` for a gauge with no value yet (the leader's
        /// gauges while there is no leader).
        case null
        /// A JSON object or array.
        case nested
    }

    /// Sets the figure `key` names, or counts the entry as skipped when its value does
    /// not fit. Unknown keys are ignored: the server prints hundreds of them.
    static func assign(_ key: Substring, _ value: RawValue, to stats: inout ZooKeeperStats) {
        switch key {
        case "version": text(key, value, &stats) { $0.version = $1 }
        case "server_state": text(key, value, &stats) { $0.serverState = $1.map(ZooKeeperServerState.init) }
        case "avg_latency": decimal(key, value, &stats) { $0.averageLatency = $1 }
        case "max_latency": decimal(key, value, &stats) { $0.maximumLatency = $1 }
        case "min_latency": decimal(key, value, &stats) { $0.minimumLatency = $1 }
        case "packets_received": integer(key, value, &stats) { $0.packetsReceived = $1 }
        case "packets_sent": integer(key, value, &stats) { $0.packetsSent = $1 }
        case "num_alive_connections": integer(key, value, &stats) { $0.aliveConnections = $1 }
        case "outstanding_requests": integer(key, value, &stats) { $0.outstandingRequests = $1 }
        case "znode_count": integer(key, value, &stats) { $0.znodeCount = $1 }
        case "watch_count": integer(key, value, &stats) { $0.watchCount = $1 }
        case "ephemerals_count": integer(key, value, &stats) { $0.ephemeralsCount = $1 }
        case "approximate_data_size": integer(key, value, &stats) { $0.approximateDataSize = $1 }
        case "open_file_descriptor_count": integer(key, value, &stats) { $0.openFileDescriptors = $1 }
        case "learners", "followers": integer(key, value, &stats) { $0.followers = $1 }
        case "synced_followers": integer(key, value, &stats) { $0.syncedFollowers = $1 }
        case "pending_syncs": integer(key, value, &stats) { $0.pendingSyncs = $1 }
        case "uptime": integer(key, value, &stats) { $0.uptimeMilliseconds = $1 }
        default: break
        }
    }

    private static func text(_ key: Substring, _ value: RawValue, _ stats: inout ZooKeeperStats, _ set: (inout ZooKeeperStats, String?) -> Void) {
        switch value {
        case let .text(text): set(&stats, String(text))
        case let .string(text): set(&stats, text)
        case .null: set(&stats, nil)
        case .number, .boolean, .nested: stats.skip("\(key): expected text, found \(kind(value))")
        }
    }

    private static func decimal(_ key: Substring, _ value: RawValue, _ stats: inout ZooKeeperStats, _ set: (inout ZooKeeperStats, Double?) -> Void) {
        number(key, value, &stats, ZooKeeperNumber.decimal, set)
    }

    private static func integer(_ key: Substring, _ value: RawValue, _ stats: inout ZooKeeperStats, _ set: (inout ZooKeeperStats, Int64?) -> Void) {
        number(key, value, &stats, ZooKeeperNumber.integer, set)
    }

    private static func number<Value>(
        _ key: Substring,
        _ value: RawValue,
        _ stats: inout ZooKeeperStats,
        _ read: (Substring) -> Result<Value, ZooKeeperNumber.Rejection>,
        _ set: (inout ZooKeeperStats, Value?) -> Void
    ) {
        let spelling: Substring
        switch value {
        case let .text(text): spelling = text
        case let .number(lexeme): spelling = lexeme
        case .null:
            set(&stats, nil)
            return
        case .string, .boolean, .nested:
            stats.skip("\(key): expected a number, found \(kind(value))")
            return
        }
        switch read(spelling) {
        case let .success(number): set(&stats, number)
        case let .failure(rejection): stats.skip("\(key): \(ZooKeeperParseError.excerpt(spelling, limit: 40)): \(rejection)")
        }
    }

    private static func kind(_ value: RawValue) -> String {
        switch value {
        case .text, .string: "a string"
        case .number: "a number"
        case .boolean: "a boolean"
        case .null: "null"
        case .nested: "an object or array"
        }
    }
}
