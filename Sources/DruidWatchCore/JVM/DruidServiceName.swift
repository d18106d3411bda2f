/// The Druid service a JVM runs, from its command line as the perf data records it
/// (`sun.rt.javaCommand`: the main class and its arguments), spelled as Druid spells
/// its `druid.service` defaults: `org.apache.druid.cli.Main server historical` is
/// `druid/historical`.
///
/// A coordinator that also runs the overlord (`druid.coordinator.asOverlord.enabled`)
/// is started as `server coordinator` and still calls itself druid/coordinator.
/// Peons, one JVM per ingestion task, are started by a middle manager as
/// `internal peon <task dir> <attempt> ...`.
public enum DruidServiceName {
    /// Druid's entry point; `io.druid` is its package before Apache Druid 0.13.
    public static let mainClasses: Set<String> = ["org.apache.druid.cli.Main", "io.druid.cli.Main"]

    /// `druid.service` defaults of the `server` commands, keyed by the command in
    /// lower case (Druid's own spelling is `middleManager`).
    public static let serverServices: [String: String] = [
        "broker": "druid/broker",
        "coordinator": "druid/coordinator",
        "historical": "druid/historical",
        "indexer": "druid/indexer",
        "middlemanager": "druid/middlemanager",
        "overlord": "druid/overlord",
        "router": "druid/router",
    ]

    /// The service name, or nil for a JVM that is not a long-running Druid service
    /// (another program, or Druid's `tools` and batch `index` commands).
    public static func from(javaCommand: String) -> String? {
        let words = javaCommand.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 3, mainClasses.contains(words[0]) else { return nil }
        switch (words[1], words[2].lowercased()) {
        case ("server", let command):
            // A server command newer than this table is still a Druid service.
            return serverServices[command] ?? "druid/\(command)"
        case ("internal", "peon"):
            return "druid/peon"
        default:
            return nil
        }
    }

    /// A name for a JVM that is not Druid, when those are wanted too: `jvm/` and the
    /// main class without its package (`jvm/QuorumPeerMain`), or the jar without its
    /// directory and extension for `java -jar` (`jvm/kafka-server`).
    public static func otherJVM(javaCommand: String?) -> String {
        guard let first = javaCommand?.split(whereSeparator: \.isWhitespace).first else { return "jvm/unknown" }
        let name = first.hasSuffix(".jar")
            ? (first.split(separator: "/").last ?? first).dropLast(4)
            : first.split(separator: ".").last ?? first
        return name.isEmpty ? "jvm/unknown" : "jvm/\(name)"
    }
}
