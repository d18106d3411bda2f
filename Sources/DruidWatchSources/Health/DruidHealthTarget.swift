import DruidWatchCore

/// One Druid service to probe: its kind, where it answers, and its `Service` dimension.
public struct DruidHealthTarget: Sendable, Hashable, CustomStringConvertible {
    public var kind: DruidServiceKind
    /// `http://127.0.0.1:8082`, without a trailing slash.
    public var baseURL: String
    /// `druid.service`; the kind's default (`druid/broker`) unless configured.
    public var serviceName: String

    public init(kind: DruidServiceKind, baseURL: String, serviceName: String? = nil) {
        self.kind = kind
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.serviceName = serviceName ?? kind.defaultServiceName
    }

    public var description: String { "\(kind.rawValue) at \(baseURL)" }

    /// Configured services replace the discovered ones of the same kind; discovered
    /// services of other kinds stay. Duplicates (same kind and URL) are dropped.
    public static func merge(configured: [DruidHealthTarget], discovered: [DruidHealthTarget]) -> [DruidHealthTarget] {
        let configuredKinds = Set(configured.map(\.kind))
        var seen: Set<String> = []
        return (configured + discovered.filter { !configuredKinds.contains($0.kind) }).filter { target in
            seen.insert("\(target.kind.rawValue) \(target.baseURL)").inserted
        }
    }
}
