import Foundation

/// The `mntr` four-letter word's answer: one `zk_<name><TAB><value>` line per figure
/// (about 500 on 3.8), or a single line of prose when the server will not answer:
/// "This ZooKeeper instance is not currently serving requests" outside a quorum,
/// "mntr is not executed because it is not in the whitelist." without
/// `4lw.commands.whitelist=mntr`.
public enum MntrParser {
    public static func parse(_ data: Data) throws(ZooKeeperParseError) -> ZooKeeperStats {
        guard let text = String(validating: data, as: UTF8.self) else { throw .invalidUTF8 }
        return try parse(text)
    }

    public static func parse(_ text: String) throws(ZooKeeperParseError) -> ZooKeeperStats {
        guard text.contains(where: { !$0.isWhitespace }) else { throw .empty }
        // The server ends every line with a newline and closes the connection, so a
        // last line without one was cut short, and its value may be too ("12" of "1234").
        let terminated = text.last == "\n" || text.last == "\r\n"
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if terminated { lines.removeLast() }

        var stats = ZooKeeperStats()
        var entries = 0
        var firstProse: Substring?
        for (index, line) in lines.enumerated() where line.contains(where: { !$0.isWhitespace }) {
            let number = index + 1
            guard let tab = line.firstIndex(of: "\t") else {
                if firstProse == nil { firstProse = line }
                stats.skip("line \(number): not key<TAB>value")
                continue
            }
            entries += 1
            if !terminated, index == lines.count - 1 {
                stats.skip("line \(number): not ended by a newline, so possibly cut short")
                continue
            }
            var key = line[..<tab]
            if key.hasPrefix("zk_") { key = key.dropFirst(3) }
            let value = line[line.index(after: tab)...]
            ZooKeeperStatsFields.assign(key, value == "null" ? .null : .text(value), to: &stats)
        }

        guard entries > 0 else { throw prose(firstProse ?? "") }
        guard stats.serverState != nil else {
            throw terminated ? .noServerState : .truncated("no zk_server_state line before the response ends mid-line")
        }
        return stats
    }

    /// The one-line answers that mean "no statistics", told apart by ZooKeeper's own
    /// wording (FourLetterCommands and CommandExecutor).
    private static func prose(_ line: Substring) -> ZooKeeperParseError {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed == ZooKeeperParseError.notServingMessage { return .notServing(trimmed) }
        if trimmed.hasSuffix("is not executed because it is not in the whitelist.") {
            return .commandRefused(ZooKeeperParseError.excerpt(trimmed))
        }
        return .unrecognized(ZooKeeperParseError.excerpt(trimmed))
    }
}
