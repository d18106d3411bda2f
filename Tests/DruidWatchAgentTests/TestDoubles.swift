import DruidWatchAgent
import DruidWatchCore
import DruidWatchSources
import Foundation
import Synchronization

/// A source that returns whatever the test scripted for it.
final class ScriptedSource: MetricSource {
    let name: String
    private let produce: @Sendable (Date) async throws -> [Sample]

    init(name: String = "scripted", produce: @escaping @Sendable (Date) async throws -> [Sample]) {
        self.name = name
        self.produce = produce
    }

    func collect(at timestamp: Date) async throws -> [Sample] {
        try await produce(timestamp)
    }
}

/// Records what would have been published.
final class RecordingSink: MetricSink {
    private let published = Mutex<[[MetricDatum]]>([])

    var batches: [[MetricDatum]] { published.withLock { $0 } }

    func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
        published.withLock { $0.append(datums) }
        var report = PublishReport()
        report.published = datums.count
        report.requests = 1
        return report
    }
}

struct FixedClock: WallClock {
    let instant: Date
    func now() -> Date { instant }
}
