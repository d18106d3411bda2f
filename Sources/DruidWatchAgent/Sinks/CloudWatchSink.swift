import DruidWatchAWS
import Foundation
import DruidWatchCore
import Logging
import ServiceLifecycle

/// Publishes datums with PutMetricData: as few requests as the API's limits allow,
/// throttling and transient failures retried with backoff, and a request CloudWatch
/// refuses split in halves until the datum at fault is found, so one bad datum is
/// dropped alone and never takes the rest of its batch with it.
public struct CloudWatchSink: MetricSink {
    public var client: CloudWatchClient
    public var retry: RetryPolicy
    public var logger: Logger
    public var now: @Sendable () -> Date
    /// Where every call's outcome, latency and backoff is counted.
    public var selfMetrics: AgentSelfMetrics?

    public init(
        client: CloudWatchClient, retry: RetryPolicy = RetryPolicy(), logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init, selfMetrics: AgentSelfMetrics? = nil
    ) {
        self.client = client
        self.retry = retry
        self.logger = logger
        self.now = now
        self.selfMetrics = selfMetrics
    }

    /// The datums CloudWatch will take; the rest dropped, counted and logged, never sent.
    public func screen(_ datums: [MetricDatum]) -> (accepted: [MetricDatum], report: PublishReport) {
        var report = PublishReport()
        let (accepted, refused) = PutMetricDataAcceptance.partition(datums, now: now())
        for (reason, count) in refused {
            report.dropped[reason == .valueOutOfRange ? .valueOutOfRange : .outsideTimeWindow, default: 0] += count
            logger.warning("datums CloudWatch would refuse were dropped", metadata: ["reason": "\(reason.rawValue)", "count": "\(count)"])
        }
        return (accepted, report)
    }

    public func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
        var (accepted, report) = screen(datums)
        for batch in PutMetricDataBatcher.batches(namespace: namespace, datums: accepted) {
            report.merge(await send(batch, namespace: namespace).report)
        }
        return report
    }

    /// What became of one request's datums, and which of them CloudWatch never took
    /// because it stayed unavailable (the ones a spool keeps for later).
    public struct BatchOutcome: Sendable {
        public var report = PublishReport()
        public var unavailable: [MetricDatum] = []

        mutating func merge(_ other: BatchOutcome) {
            report.merge(other.report)
            unavailable += other.unavailable
        }
    }

    /// Sends one request's worth of datums (the caller keeps within the API's limits),
    /// retrying and isolating rejected datums as `publish` does.
    public func send(_ batch: [MetricDatum], namespace: String) async -> BatchOutcome {
        var outcome = BatchOutcome()
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...retry.maximumAttempts {
            outcome.report.requests += 1
            do {
                try await timedPut(batch, namespace: namespace)
                outcome.report.published += batch.count
                return outcome
            } catch where error.refusesTheContent {
                outcome.merge(await isolateRejected(batch, namespace: namespace, error: error))
                return outcome
            } catch {
                // Refused for the caller (credentials, permissions), or no answer at all: the
                // datums are fine and are kept (spooled) rather than split and dropped as
                // invalid. On SIGTERM no retry: systemd's stop timeout is shorter than a
                // retry series of timeouts, and the spool keeps what was not delivered.
                guard attempt < retry.maximumAttempts, error.isRetryable, !error.isAboutTheCaller, !Self.isStopping else {
                    return giveUp(batch, after: attempt, error: error, outcome: outcome)
                }
                let wait = retry.delay(beforeRetry: attempt, using: &generator)
                logger.info("PutMetricData failed, retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)", "wait": "\(wait)"])
                selfMetrics?.recordRetry(after: wait)
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
                if Self.isStopping { return giveUp(batch, after: attempt, error: error, outcome: outcome) }
            }
        }
        return outcome
    }

    private static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    private func giveUp(_ batch: [MetricDatum], after attempts: Int, error: AWSCallError, outcome: BatchOutcome) -> BatchOutcome {
        var outcome = outcome
        logger.warning("PutMetricData failed after \(attempts) attempts; \(batch.count) datums not delivered (kept by the spool if there is one)", metadata: ["error": "\(error)"])
        outcome.report.drop(batch.count, .unavailable, error: error.description)
        outcome.unavailable += batch
        return outcome
    }

    private func timedPut(_ batch: [MetricDatum], namespace: String) async throws(AWSCallError) {
        let started = ContinuousClock.now
        do {
            try await client.putMetricData(namespace: namespace, datums: batch)
            selfMetrics?.recordRequest(duration: ContinuousClock.now - started, error: nil, at: now())
        } catch {
            selfMetrics?.recordRequest(duration: ContinuousClock.now - started, error: error, at: now())
            throw error
        }
    }

    private func isolateRejected(_ batch: [MetricDatum], namespace: String, error: AWSCallError) async -> BatchOutcome {
        guard batch.count > 1 else {
            var outcome = BatchOutcome()
            logger.error("CloudWatch rejected a datum; dropped", metadata: [
                "metric": "\(batch.first?.metricName ?? "?")",
                "dimensions": "\(batch.first?.dimensions.map(\.description).joined(separator: ",") ?? "")",
                "error": "\(error)",
            ])
            outcome.report.drop(1, .rejected, error: error.description)
            return outcome
        }
        let middle = batch.count / 2
        var outcome = await send(Array(batch[..<middle]), namespace: namespace)
        outcome.merge(await send(Array(batch[middle...]), namespace: namespace))
        return outcome
    }
}

extension AWSCallError {
    /// CloudWatch answered that the request itself is invalid (a bad datum): the only
    /// failure worth splitting the batch over. No answer, a cancelled call or a refusal
    /// of the caller says nothing about the datums.
    var refusesTheContent: Bool {
        guard case let .service(error) = self else { return false }
        return !error.isRetryable && !error.isAboutTheCaller
    }
}
