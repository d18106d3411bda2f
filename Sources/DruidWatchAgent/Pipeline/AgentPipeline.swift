import DruidWatchCore
import DruidWatchSources
import Foundation
import Logging

/// The agent's data path without its timing: read every source, stamp the common
/// dimensions, aggregate per period, and hand finished periods to the sink. The
/// service decides when each step happens; tests call the steps directly.
public actor AgentPipeline {
    public struct Settings: Sendable {
        public var namespace: String
        public var periodSeconds: Int
        /// Added to every sample (identity, cluster, static dimensions). A sample's own
        /// dimension of the same name wins.
        public var commonDimensions: [MetricDimension]
        /// A source that has not answered by then is cancelled and counted as failed for
        /// this round (a source must honour cancellation for that to take effect).
        public var sourceTimeout: Duration
        /// High-resolution metrics and dimension rollups; by default every metric over
        /// `periodSeconds`, as collected.
        public var aggregation: AggregationPlan
        public var collectionIntervalSeconds: Int

        public init(
            namespace: String, periodSeconds: Int, commonDimensions: [MetricDimension], sourceTimeout: Duration,
            aggregation: AggregationPlan? = nil, collectionIntervalSeconds: Int = 10
        ) {
            self.namespace = namespace
            self.periodSeconds = periodSeconds
            self.commonDimensions = commonDimensions
            self.sourceTimeout = sourceTimeout
            self.aggregation = aggregation ?? AggregationPlan(periodSeconds: periodSeconds)
            self.collectionIntervalSeconds = collectionIntervalSeconds
        }
    }

    /// CloudWatch's limit of dimensions per metric.
    public static let maximumDimensions = AggregationInbox.maximumDimensions

    public let settings: Settings
    private let sources: [any MetricSource]
    private let sink: any MetricSink
    private let logger: Logger
    /// Shared with the sources that push (the emitter receiver) rather than being polled.
    public nonisolated let inbox: AggregationInbox
    public private(set) var totals = AgentTotals()
    public nonisolated let selfMetrics: AgentSelfMetrics

    public init(settings: Settings, sources: [any MetricSource], sink: any MetricSink, logger: Logger, selfMetrics: AgentSelfMetrics = AgentSelfMetrics()) {
        self.settings = settings
        self.sources = sources
        self.sink = sink
        self.logger = logger
        self.selfMetrics = selfMetrics
        let inbox = AggregationInbox(
            plan: settings.aggregation,
            commonDimensions: settings.commonDimensions,
            collectionIntervalSeconds: settings.collectionIntervalSeconds
        )
        self.inbox = inbox
        // Emitter batches land between collections: the count is read when asked for.
        selfMetrics.addRefresher { [weak selfMetrics] in
            selfMetrics?.recordOpenSeries(inbox.openSeriesCount)
        }
    }

    /// Reads every source once, concurrently, and aggregates what they return.
    @discardableResult
    public func collect(at timestamp: Date) async -> Int {
        var accepted = 0
        for outcome in await readSources(at: timestamp) {
            switch outcome.result {
            case let .success(samples):
                inbox.add(samples)
                accepted += samples.count
                selfMetrics.recordSamples(samples.count, source: outcome.source)
            case let .failure(reason):
                totals.sourceFailures[outcome.source, default: 0] += 1
                selfMetrics.recordSourceFailure(source: outcome.source)
                logger.warning("source failed", metadata: ["source": "\(outcome.source)", "error": "\(reason)"])
            }
        }
        totals.samplesCollected += accepted
        totals.samplesRejected = inbox.rejections.total
        totals.dimensionsTruncated = inbox.dimensionsTruncated
        selfMetrics.recordCollection(at: timestamp)
        selfMetrics.recordRejections(inbox.rejections)
        return accepted
    }

    /// Publishes every period that is over as of `now`.
    public func flushCompleted(asOf now: Date) async -> PublishReport {
        await publish(inbox.drainCompleted(asOf: now))
    }

    /// The wall clock was set back to `now` (NTP stepping it, a restored VM): what is
    /// held, stamped after `now`, would wait until the clock caught up, so it is published
    /// at once; and the periods from `now` on take readings again.
    public func clockSteppedBack(to now: Date) async -> PublishReport {
        let report = await flushAll()
        inbox.clockSteppedBack(to: now)
        return report
    }

    /// Publishes everything held, the period in progress included (on shutdown).
    public func flushAll() async -> PublishReport {
        await publish(inbox.drainAll())
    }

    private func publish(_ datums: [MetricDatum]) async -> PublishReport {
        guard !datums.isEmpty else { return PublishReport() }
        let report = await sink.publish(namespace: settings.namespace, datums: datums)
        totals.record(report)
        selfMetrics.record(report, published: datums)
        logger.debug("published", metadata: [
            "datums": "\(datums.count)", "published": "\(report.published)",
            "dropped": "\(report.droppedTotal)", "requests": "\(report.requests)",
        ])
        return report
    }

    private struct SourceOutcome: Sendable {
        var source: String
        var result: Result<[Sample], SourceError>
    }

    private struct SourceError: Error, CustomStringConvertible {
        var description: String
    }

    private func readSources(at timestamp: Date) async -> [SourceOutcome] {
        let timeout = settings.sourceTimeout
        return await withTaskGroup(of: SourceOutcome.self) { group in
            for source in sources {
                group.addTask {
                    await Self.read(source, at: timestamp, timeout: timeout)
                }
            }
            var outcomes: [SourceOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
    }

    private static func read(_ source: any MetricSource, at timestamp: Date, timeout: Duration) async -> SourceOutcome {
        await withTaskGroup(of: SourceOutcome?.self) { group in
            group.addTask {
                do {
                    return SourceOutcome(source: source.name, result: .success(try await source.collect(at: timestamp)))
                } catch {
                    return SourceOutcome(source: source.name, result: .failure(SourceError(description: "\(error)")))
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : SourceOutcome(source: source.name, result: .failure(SourceError(description: "no answer within \(timeout)")))
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? SourceOutcome(source: source.name, result: .failure(SourceError(description: "cancelled")))
        }
    }
}
