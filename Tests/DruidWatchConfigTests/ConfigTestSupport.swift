import Testing
import DruidWatchConfig
import Foundation

/// What `check-config` would print for a document: one `file:line: field: message` per
/// problem, in line order; empty when the document is valid.
func problems(_ yaml: String, file: String = "agent.yaml") -> [String] {
    do {
        _ = try AgentConfigLoader.parse(yaml: yaml, file: file)
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

/// The issues themselves, for checks on line, column and field separately.
func issues(_ yaml: String, file: String = "agent.yaml") -> [ConfigIssue] {
    do {
        _ = try AgentConfigLoader.parse(yaml: yaml, file: file)
        return []
    } catch {
        return error.issues
    }
}

/// One invalid document and exactly what the loader must say about it.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var expected: [String]

    init(_ yaml: String, _ expected: String...) {
        self.yaml = yaml
        self.expected = expected
    }

    var testDescription: String { yaml.debugDescription }
}

/// A file in a fresh temporary directory, removed by `remove()`.
struct TemporaryFile {
    let directory: URL
    let url: URL

    init(name: String = "agent.yaml", contents: Data) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        url = directory.appendingPathComponent(name)
        try contents.write(to: url)
    }

    init(name: String = "agent.yaml", text: String) throws {
        try self.init(name: name, contents: Data(text.utf8))
    }

    var path: String { url.path }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The top-level keys, as the unknown-key message lists them.
let topLevelKeys = "cluster, namespace, naming, period, collection_interval, dimensions, identity, aws, sources, spool, aggregation, self_metrics, logging, cost, direct_feed, logs"
