import DruidWatchCore
import Foundation
import Logging

/// A CloudWatch sink that loses nothing to an outage: every request's datums are
/// written to the spool before they are sent and deleted once CloudWatch has them.
/// What CloudWatch could not take (throttling, 5xx, network) stays on disk and is
/// replayed, original timestamps and all, oldest first, when the service answers
/// again: after each publish that got through, and when ``replay(maximumRequests:now:)``
/// is called (on start).
///
/// Once a request fails for good, the rest of that publish is spooled unsent, and
/// later publishes lead with a single probe (``CloudWatchOutage``) until one gets through.
///
/// Delivery is at least once: a crash between CloudWatch's answer and the file's
/// deletion sends that batch again on the next start.
public struct SpoolingSink: MetricSink {
    public let spool: MetricSpool
    public let sink: CloudWatchSink
    public let outage: CloudWatchOutage
    /// How many spooled batches (requests) one replay round may send at most.
    public var maximumReplayRequests: Int
    public var logger: Logger

    public static let defaultMaximumReplayRequests = 20

    public init(spool: MetricSpool, sink: CloudWatchSink, maximumReplayRequests: Int = defaultMaximumReplayRequests, logger: Logger) {
        self.spool = spool
        self.sink = sink
        self.maximumReplayRequests = max(1, maximumReplayRequests)
        self.logger = logger
        self.outage = CloudWatchOutage()
    }

    /// What one replay round did.
    public struct ReplayReport: Sendable, Equatable {
        /// Spooled batches settled (sent, or found empty, expired or unreadable).
        public var batches = 0
        public var published = 0
        public var requests = 0
        /// Datums CloudWatch refused as invalid; dropped with their file.
        public var rejected = 0
        /// Datums too old for CloudWatch by now; dropped.
        public var expired = 0
        public var corruptFiles = 0
        /// CloudWatch was still unavailable: the round stopped and the rest stays spooled.
        public var interrupted = false

        public init() {}
    }

    public func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
        var (accepted, report) = sink.screen(datums)
        var delivered = false
        var failedThisPublish = false
        for batch in PutMetricDataBatcher.batches(namespace: namespace, datums: accepted) {
            let entry: SpoolEntry?
            do {
                entry = try spool.write(SpoolRecord(namespace: namespace, datums: batch))
            } catch {
                logger.error("spool: cannot write a batch; sending it unprotected", metadata: ["error": "\(error)", "datums": "\(batch.count)"])
                entry = nil
            }
            if failedThisPublish, let entry {
                spool.release(entry)
                report.spooled += batch.count
                continue
            }
            let outcome = await sender(probing: failedThisPublish || outage.isOngoing).send(batch, namespace: namespace)
            var batchReport = outcome.report
            if let entry {
                let kept = settle(entry, batch: batch, namespace: namespace, unavailable: outcome.unavailable)
                batchReport.reclassifyUnavailableAsSpooled(kept)
            }
            if !outcome.unavailable.isEmpty {
                failedThisPublish = true
                noteAvailability(false, error: outcome.report.lastError[.unavailable])
            } else if outcome.report.published > 0 {
                delivered = true
                noteAvailability(true, error: nil)
            }
            report.merge(batchReport)
        }
        if report.spooled > 0 {
            logger.info("spool: kept datums CloudWatch could not take, for a replay", metadata: ["datums": "\(report.spooled)", "spooled": "\(spool.entries.count) files"])
        }
        if delivered, !spool.isEmpty {
            let replay = await replay(maximumRequests: maximumReplayRequests)
            report.replayed += replay.published
            report.requests += replay.requests
        }
        return report
    }

    /// The sink as configured, or (CloudWatch known to be down) one that tries once.
    private func sender(probing: Bool) -> CloudWatchSink {
        guard probing else { return sink }
        var probe = sink
        probe.retry.maximumAttempts = 1
        return probe
    }

    private func noteAvailability(_ available: Bool, error: String?) {
        // A call cut short by shutdown says nothing about CloudWatch.
        guard !Task.isCancelled, outage.record(available: available) else { return }
        if available {
            logger.notice("CloudWatch takes data again; replaying the spool", metadata: ["spooled": "\(spool.entries.count) files"])
        } else {
            logger.warning("CloudWatch unavailable: spooling, probing once per publish until it answers", metadata: ["error": "\(error ?? "?")"])
        }
    }

    /// Sends up to `maximumRequests` of the oldest spooled batches, one attempt each;
    /// stops at the first that CloudWatch still cannot take.
    @discardableResult
    public func replay(maximumRequests: Int? = nil, now: Date = Date()) async -> ReplayReport {
        var report = ReplayReport()
        let claimed = spool.claimOldest(max(1, maximumRequests ?? self.maximumReplayRequests), now: now)
        let maximumAge = Double(spool.options.maximumAge.components.seconds)
        let oldestAllowed = now.addingTimeInterval(-maximumAge)
        for (index, entry) in claimed.enumerated() {
            if Task.isCancelled {
                for rest in claimed[index...] { spool.release(rest) }
                break
            }
            guard let record = spool.read(entry) else {
                report.corruptFiles += 1
                report.batches += 1
                continue
            }
            let fresh = record.datums.filter { $0.timestamp >= oldestAllowed }
            if fresh.count < record.datums.count {
                report.expired += record.datums.count - fresh.count
                logger.warning("spool: dropped replayed datums too old for CloudWatch", metadata: ["datums": "\(record.datums.count - fresh.count)", "file": "\(entry.fileName)"])
            }
            guard !fresh.isEmpty else {
                spool.remove(entry)
                report.batches += 1
                continue
            }
            // One attempt per spooled batch: a replay that fails stops, and the next
            // publish that gets through starts another. Retrying here would hold the
            // agent's start (replay runs before it reports ready) for a retry series of
            // timeouts, past systemd's start timeout.
            let outcome = await sender(probing: true).send(fresh, namespace: record.namespace)
            if !outcome.unavailable.isEmpty { noteAvailability(false, error: outcome.report.lastError[.unavailable]) }
            report.requests += outcome.report.requests
            report.published += outcome.report.published
            report.rejected += outcome.report.dropped[.rejected, default: 0]
            _ = settle(entry, batch: fresh, namespace: record.namespace, unavailable: outcome.unavailable)
            if outcome.unavailable.isEmpty {
                report.batches += 1
            } else {
                report.interrupted = true
                for rest in claimed[(index + 1)...] { spool.release(rest) }
                break
            }
        }
        if report.batches > 0 || report.interrupted {
            logger.info("spool: replayed", metadata: [
                "batches": "\(report.batches)", "published": "\(report.published)", "rejected": "\(report.rejected)",
                "expired": "\(report.expired)", "interrupted": "\(report.interrupted)", "remaining": "\(spool.entries.count)",
            ])
        }
        return report
    }

    /// Deletes the file of a batch CloudWatch has taken (or refused for good), or
    /// leaves on disk what it could not take. Answers how many datums stay spooled.
    private func settle(_ entry: SpoolEntry, batch: [MetricDatum], namespace: String, unavailable: [MetricDatum]) -> Int {
        // Cancelled (shutting down): the sink's verdicts mean nothing then, so the
        // whole batch stays for the next start, even if some of it got through.
        if Task.isCancelled {
            spool.release(entry)
            return unavailable.count
        }
        if unavailable.isEmpty {
            spool.remove(entry)
            return 0
        }
        if unavailable.count == batch.count {
            spool.release(entry)
            return unavailable.count
        }
        // Part of the batch got through: keep only the rest, so that a replay does not
        // publish the other part twice.
        do {
            let rest = try spool.write(SpoolRecord(namespace: namespace, datums: unavailable))
            spool.remove(entry)
            spool.release(rest)
        } catch {
            logger.error("spool: cannot rewrite a partly sent batch; keeping all of it", metadata: ["error": "\(error)"])
            spool.release(entry)
        }
        return unavailable.count
    }
}

extension PublishReport {
    /// Datums counted as dropped for unavailability that a spool kept after all.
    mutating func reclassifyUnavailableAsSpooled(_ count: Int) {
        guard count > 0 else { return }
        let remaining = dropped[.unavailable, default: 0] - count
        if remaining > 0 {
            dropped[.unavailable] = remaining
        } else {
            dropped[.unavailable] = nil
            lastError[.unavailable] = nil
        }
        spooled += count
    }
}
