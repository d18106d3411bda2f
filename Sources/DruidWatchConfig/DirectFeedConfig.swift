import Foundation

/// The evaluator's `direct_feed` section: where it listens for the agents' datums.
/// Off unless `listen` is set.
public struct DirectFeedListenConfig: Sendable, Equatable {
    public var enabled = false
    public var host = "0.0.0.0"
    public var port = 8788
    public var tokenFile = "/etc/druidwatch/direct-feed.token"
    public var maximumBodyBytes = 1 << 20
    /// Posts held for the next cycle at most; beyond, the agent is answered 503.
    public var maximumPendingBatches = 1000

    public init() {}
}

/// The agent's `direct_feed` section: the evaluator's endpoint. Off unless `url` is set.
public struct DirectFeedPostConfig: Sendable, Equatable {
    public var url: String?
    public var tokenFile = "/etc/druidwatch/direct-feed.token"
    public var timeout: Duration = .seconds(5)

    public init() {}

    public var enabled: Bool { url != nil }
}

public enum DirectFeedConfigReader {
    /// `direct_feed: {listen: 0.0.0.0:8788, token_file: …, max_body_bytes: …, max_pending_batches: …}`
    public static func readListen(_ node: ConfigNode, into config: inout DirectFeedListenConfig) {
        guard let mapping = node.mapping(allowed: ["enabled", "listen", "token_file", "max_body_bytes", "max_pending_batches"]) else { return }
        config.enabled = true
        if let value = mapping["enabled"]?.bool() { config.enabled = value }
        if let node = mapping["listen"], let value = node.string() {
            if let separator = value.lastIndex(of: ":"), let port = Int(value[value.index(after: separator)...]), (0...65_535).contains(port), !value[..<separator].isEmpty {
                config.host = String(value[..<separator]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                config.port = port
            } else {
                node.report("expected HOST:PORT, such as 0.0.0.0:8788")
            }
        }
        if let node = mapping["token_file"], let value = node.string() {
            if value.isEmpty { node.report("must be a file path") } else { config.tokenFile = value }
        }
        if let node = mapping["max_body_bytes"], let value = node.integer() {
            if value < 1024 || value > 1 << 20 { node.report("must be 1024 to 1048576 (PutMetricData's bound)") } else { config.maximumBodyBytes = value }
        }
        if let node = mapping["max_pending_batches"], let value = node.integer() {
            if value < 1 || value > 100_000 { node.report("must be 1 to 100000") } else { config.maximumPendingBatches = value }
        }
    }

    /// `direct_feed: {url: http://evaluator:8788/, token_file: …, timeout: 5s}`
    public static func readPost(_ node: ConfigNode, into config: inout DirectFeedPostConfig) {
        guard let mapping = node.mapping(allowed: ["url", "token_file", "timeout"]) else { return }
        if let node = mapping["url"], let value = node.string() {
            if let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil {
                config.url = value
            } else {
                node.report("must be an http:// or https:// URL, such as http://evaluator:8788/")
            }
        }
        if let node = mapping["token_file"], let value = node.string() {
            if value.isEmpty { node.report("must be a file path") } else { config.tokenFile = value }
        }
        if let node = mapping["timeout"], let value = node.duration() {
            if value <= .zero || value > .seconds(30) { node.report("must be more than zero and at most 30s") } else { config.timeout = value }
        }
    }
}
