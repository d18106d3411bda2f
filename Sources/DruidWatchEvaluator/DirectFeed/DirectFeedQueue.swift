import DruidWatchCore
import Foundation
import Synchronization

/// The direct feed's posts waiting for the next cycle, which takes them into its state
/// before it reads CloudWatch. Bounded: beyond `limit` batches a post is refused (503) and
/// the agent's datums reach the evaluator through CloudWatch as before.
public final class DirectFeedQueue: Sendable {
    public let limit: Int
    private let batches = Mutex<[DirectFeedBatch]>([])
    private let counters = Mutex(Counters())

    public struct Counters: Sendable, Hashable {
        public var accepted = 0
        public var refused = 0
        public var datums = 0
    }

    public init(limit: Int = 1000) {
        self.limit = max(1, limit)
    }

    /// Queues a batch; false when the queue is full.
    public func enqueue(_ batch: DirectFeedBatch) -> Bool {
        let queued = batches.withLock { pending in
            guard pending.count < limit else { return false }
            pending.append(batch)
            return true
        }
        counters.withLock {
            if queued {
                $0.accepted += 1
                $0.datums += batch.datums.count
            } else {
                $0.refused += 1
            }
        }
        return queued
    }

    public func drain() -> [DirectFeedBatch] {
        batches.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }

    public var pending: Int { batches.withLock { $0.count } }
    public var statistics: Counters { counters.withLock { $0 } }
}

/// Where the receiver hands decoded posts: the evaluation cycle in production.
public protocol DirectFeedConsumer: Sendable {
    /// False when it cannot take more now (the agent is answered 503).
    func ingest(_ batch: DirectFeedBatch) -> Bool
}

extension DirectFeedQueue: DirectFeedConsumer {
    public func ingest(_ batch: DirectFeedBatch) -> Bool { enqueue(batch) }
}

extension EvaluationCycle: DirectFeedConsumer {
    /// Queues a direct feed post for the next cycle.
    public func ingest(_ batch: DirectFeedBatch) -> Bool { directFeed.enqueue(batch) }

    /// Takes the queued posts into the state, once a cycle has read CloudWatch (so that a
    /// fresh start backfills the evaluation ranges before the feed marks series read).
    func drainDirectFeed(into state: inout PersistedEvaluatorState, now: Date, report: inout CycleReport) {
        guard state.lastSuccessfulRead != nil else { return }
        for batch in directFeed.drain() {
            let ingested = DirectFeedIngest.ingest(batch, rules: rules, into: &state.evaluator, now: now)
            report.feedBatches += 1
            report.feedDatums += ingested.used
        }
        DirectFeedIngest.rememberFedSeries(rules: rules, in: &state.evaluator, now: now)
    }
}
