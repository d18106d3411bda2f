import DruidWatchCore
import Foundation

/// One kind of input the agent reads (the host, a Druid process, ZooKeeper, ...).
/// Adding a source is adding one type that conforms to this and one line where the
/// agent lists its sources, as node_exporter registers one collector per file.
public protocol MetricSource: Sendable {
    /// Short, stable name used in logs, self-metrics and the config (`host`, `zookeeper`).
    var name: String { get }

    /// Takes one reading and returns the samples it yields, stamped `timestamp`.
    /// A source that needs two readings for a rate (CPU, disk throughput) returns only
    /// what it can compute so far on its first call. A failure to read one part (one
    /// file system, one file) is logged and skipped; the call throws only when
    /// nothing at all could be read.
    func collect(at timestamp: Date) async throws -> [Sample]
}
