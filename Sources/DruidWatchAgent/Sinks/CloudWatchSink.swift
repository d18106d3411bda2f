import DruidWatchAWS
import Foundation
import DruidWatchCore
import Logging

/// Publishes datums with PutMetricData: as few requests as the API's limits allow,
/// throttling and transient failures retried with backoff, and a request CloudWatch
/// refuses split in halves until the datum at fault is found, so one bad datum is
/// dropped alone and never takes the rest of its batch with it.
public struct CloudWatchSink: MetricSink {
    public var client: CloudWatchClient
    public var retry: RetryPolicy
    public var logger: Logger
    public var now: @Sendable () -> Date

    public init(client: CloudWatchClient, retry: RetryPolicy = RetryPolicy(), logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.client = client
        self.retry = retry
        self.logger = logger
        self.now = now
    }

    public func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
        var report = PublishReport()
        let (accepted, refused) = PutMetricDataAcceptance.partition(datums, now: now())
        for (reason, count) in refused {
            report.dropped[reason == .valueOutOfRange ? .valueOutOfRange : .outsideTimeWindow, default: 0] += count
            logger.warning("datums CloudWatch would refuse were dropped", metadata: ["reason": "\(reason.rawValue)", "count": "\(count)"])
        }
        for batch in PutMetricDataBatcher.batches(namespace: namespace, datums: accepted) {
            report.merge(await send(batch, namespace: namespace))
        }
        return report
    }

    private func send(_ batch: [MetricDatum], namespace: String) async -> PublishReport {
        var report = PublishReport()
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...retry.maximumAttempts {
            report.requests += 1
            do {
                try await client.putMetricData(namespace: namespace, datums: batch)
                report.published += batch.count
                return report
            } catch where !error.isRetryable {
                return report.merged(with: await isolateRejected(batch, namespace: namespace, error: error))
            } catch {
                guard attempt < retry.maximumAttempts, !Task.isCancelled else {
                    logger.warning("PutMetricData failed after \(attempt) attempts; dropping \(batch.count) datums", metadata: ["error": "\(error)"])
                    report.drop(batch.count, .unavailable, error: error.description)
                    return report
                }
                let wait = retry.delay(beforeRetry: attempt, using: &generator)
                logger.info("PutMetricData failed, retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)", "wait": "\(wait)"])
                try? await Task.sleep(for: wait)
            }
        }
        return report
    }

    private func isolateRejected(_ batch: [MetricDatum], namespace: String, error: AWSCallError) async -> PublishReport {
        guard batch.count > 1 else {
            var report = PublishReport()
            logger.error("CloudWatch rejected a datum; dropped", metadata: [
                "metric": "\(batch.first?.metricName ?? "?")",
                "dimensions": "\(batch.first?.dimensions.map(\.description).joined(separator: ",") ?? "")",
                "error": "\(error)",
            ])
            report.drop(1, .rejected, error: error.description)
            return report
        }
        let middle = batch.count / 2
        var report = await send(Array(batch[..<middle]), namespace: namespace)
        report.merge(await send(Array(batch[middle...]), namespace: namespace))
        return report
    }
}

extension PublishReport {
    func merged(with other: PublishReport) -> PublishReport {
        var copy = self
        copy.merge(other)
        return copy
    }
}
