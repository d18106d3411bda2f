import DruidWatchCore
import DruidWatchSources
import Foundation
import Synchronization

/// The agent's delivery figures as a source like any other, so that they go to
/// CloudWatch (and the evaluator's direct feed) through the same aggregate: the spool's
/// level and the age of its oldest data every collection, lost datums and failed
/// PutMetricData calls as they happen (see ``AgentDeliveryFigures``).
///
/// What it reports about a failing CloudWatch is spooled with everything else and
/// arrives late; over the direct feed it arrives on time.
public final class AgentSelfSource: MetricSource {
    public let name = "druidwatch"
    private let metrics: AgentSelfMetrics
    private let lastReported = Mutex(AgentDeliveryFigures())

    public init(metrics: AgentSelfMetrics) {
        self.metrics = metrics
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        let figures = metrics.deliveryFigures()
        return lastReported.withLock { last in
            defer { last = figures }
            return figures.samples(since: last, at: timestamp)
        }
    }
}
