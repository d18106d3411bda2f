import Foundation

/// The AdminServer's `/commands/monitor` answer: one JSON object with the figures of
/// `mntr` under the same names without the `zk_` prefix (plus `peer_state` and
/// `quorum_size`, which `mntr` lacks), and the `command` and `error` every AdminServer
/// command carries. A command that fails sets `error`: "This ZooKeeper instance is not
/// currently serving requests" for a server outside a quorum. (3.8.0 answers `monitor`
/// there with an HTTP 500 and a Jetty HTML page instead: that is `invalidJSON` here.)
/// While a server starts, `monitor` answers before the figures exist: `startingUp`.
public enum MonitorJSONParser {
    public static func parse(_ data: Data) throws(ZooKeeperParseError) -> ZooKeeperStats {
        // Checked up front so that a bad byte is reported as what it is, not as a JSON
        // error at some offset.
        guard String(validating: data, as: UTF8.self) != nil else { throw .invalidUTF8 }
        let entries = try FlatJSONReader.entries(of: Array(data))

        var stats = ZooKeeperStats()
        var error: String?
        for (key, value) in entries {
            switch key {
            case "command":
                continue
            case "error":
                switch value {
                case .null: error = nil
                case let .string(message): error = message
                default: error = "an error of an unexpected type"
                }
            default:
                ZooKeeperStatsFields.assign(Substring(key), rawValue(value), to: &stats)
            }
        }
        if let error {
            if error == ZooKeeperParseError.notServingMessage { throw .notServing(error) }
            throw .serverError(ZooKeeperParseError.excerpt(error))
        }
        guard stats.serverState != nil else { throw .noServerState }
        // Present on every running server since the AdminServer exists (3.5); absent
        // only while a 3.6+ server starts. A present but unusable one is a skipped entry.
        guard entries.contains(where: { $0.key == "znode_count" }) else { throw .startingUp }
        return stats
    }

    public static func parse(_ text: String) throws(ZooKeeperParseError) -> ZooKeeperStats {
        try parse(Data(text.utf8))
    }

    private static func rawValue(_ value: FlatJSONReader.Value) -> ZooKeeperStatsFields.RawValue {
        switch value {
        case let .string(text): .string(text)
        case let .number(lexeme): .number(Substring(lexeme))
        case let .boolean(flag): .boolean(flag)
        case .null: .null
        case .nested: .nested
        }
    }
}
