import CoreMetrics
import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import Foundation
import Prometheus
import Synchronization

/// The agent's own figures, served as Prometheus text on `/metrics` and summarised by
/// `druidwatch status`: what each source delivered, what became of every datum, how
/// CloudWatch answered and how long it took, and what the spool and the aggregate hold.
///
/// Recorded through swift-metrics with this instance's factory (never the global one),
/// so that every agent, and every test, has a registry of its own. Every metric name is
/// spelled here once, with its one set of label names (the Prometheus registry refuses a
/// name registered again with other label names).
public final class AgentSelfMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    public let factory: any MetricsFactory
    private let state: Mutex<State>
    public let startedAt: Date

    private struct State {
        var seriesWindow = PublishedSeriesWindow()
        /// Running totals kept elsewhere (the aggregate's rejections, the spool's drops),
        /// by metric and label, as last seen: counted as their increase.
        var lastTotals: [String: Int] = [:]
        var refreshers: [@Sendable () -> Void] = []
        var lastCollection: Date?
        var lastSuccess: Date?
        var lastFailure: (at: Date, error: String)?
        /// What ``AgentSelfSource`` publishes to CloudWatch; the spool's size also for
        /// `/healthz`.
        var delivery = AgentDeliveryFigures()
    }

    public init(startedAt: Date = Date()) {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Name.requestDuration] = [
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.registry = registry
        self.factory = factory
        self.startedAt = startedAt
        self.state = Mutex(State())
        Gauge(label: Name.startTime, factory: factory).record(startedAt.timeIntervalSince1970)
    }

    /// The names as they appear on `/metrics`.
    public enum Name {
        public static let startTime = "druidwatch_start_time_seconds"
        public static let samplesReceived = "druidwatch_samples_received_total"
        public static let sourceFailures = "druidwatch_source_failures_total"
        public static let samplesRejected = "druidwatch_samples_rejected_total"
        public static let datumsPublished = "druidwatch_datums_published_total"
        public static let datumsDropped = "druidwatch_datums_dropped_total"
        public static let datumsSpooled = "druidwatch_datums_spooled_total"
        public static let datumsReplayed = "druidwatch_datums_replayed_total"
        public static let requests = "druidwatch_cloudwatch_requests_total"
        public static let requestDuration = "druidwatch_cloudwatch_request_duration_seconds"
        public static let retries = "druidwatch_cloudwatch_retries_total"
        public static let backoff = "druidwatch_cloudwatch_backoff_seconds_total"
        public static let lastSuccess = "druidwatch_cloudwatch_last_success_time_seconds"
        public static let spoolFiles = "druidwatch_spool_files"
        public static let spoolBytes = "druidwatch_spool_bytes"
        public static let spoolCorruptFiles = "druidwatch_spool_corrupt_files_total"
        public static let emitterRefusals = "druidwatch_emitter_refusals_total"
        public static let emitterRejectedEvents = "druidwatch_emitter_rejected_events_total"
        public static let openSeries = "druidwatch_aggregation_open_series"
        public static let seriesLastDay = "druidwatch_series_published_last_day"
        public static let seriesWindowSaturated = "druidwatch_series_published_last_day_saturated"
        public static let lastCollection = "druidwatch_last_collection_time_seconds"
    }

    // MARK: Sources

    public func recordSamples(_ count: Int, source: String) {
        Counter(label: Name.samplesReceived, dimensions: [("source", source)], factory: factory).increment(by: count)
    }

    public func recordSourceFailure(source: String) {
        Counter(label: Name.sourceFailures, dimensions: [("source", source)], factory: factory).increment()
    }

    /// What the emitter receiver did with one request: events kept and rejected, or the
    /// reason it refused the whole request.
    public func recordEmitter(_ observation: EmitterIntake.Observation) {
        switch observation {
        case let .accepted(events, rejected):
            recordSamples(events, source: "druid_emitter")
            if rejected > 0 { Counter(label: Name.emitterRejectedEvents, factory: factory).increment(by: rejected) }
        case let .refused(refusal):
            Counter(label: Name.emitterRefusals, dimensions: [("reason", refusal.rawValue)], factory: factory).increment()
        }
    }

    public func recordCollection(at date: Date) {
        Gauge(label: Name.lastCollection, factory: factory).record(date.timeIntervalSince1970)
        state.withLock { $0.lastCollection = date }
    }

    /// The aggregate's running rejection totals.
    public func recordRejections(_ totals: PeriodAggregator.Rejections) {
        advance(Name.samplesRejected, ("reason", "non_finite"), to: totals.nonFinite)
        advance(Name.samplesRejected, ("reason", "series_limit"), to: totals.seriesLimit)
        advance(Name.samplesRejected, ("reason", "late"), to: totals.late)
    }

    /// The spool's running totals (what it dropped to stay within its bounds, and
    /// unreadable files skipped) and what it holds now.
    public func recordSpool(_ statistics: SpoolStatistics, files: Int, bytes: Int, oldestSpooled: Date? = nil) {
        advance(Name.datumsDropped, ("reason", "spool_full"), to: statistics.itemsDroppedForSize)
        advance(Name.datumsDropped, ("reason", "spool_expired"), to: statistics.itemsDroppedForAge)
        advance(Name.datumsDropped, ("reason", "disk_full"), to: statistics.itemsDroppedForDiskFull)
        advance(Name.spoolCorruptFiles, nil, to: statistics.corruptFiles)
        Gauge(label: Name.spoolFiles, factory: factory).record(files)
        Gauge(label: Name.spoolBytes, factory: factory).record(bytes)
        state.withLock { state in
            state.delivery.spoolFiles = files
            state.delivery.spoolBytes = bytes
            state.delivery.oldestSpooled = oldestSpooled
            state.delivery.datumsDropped["spool_full"] = statistics.itemsDroppedForSize
            state.delivery.datumsDropped["spool_expired"] = statistics.itemsDroppedForAge
            if statistics.itemsDroppedForDiskFull > 0 { state.delivery.datumsDropped["disk_full"] = statistics.itemsDroppedForDiskFull }
        }
    }

    /// Counts a total kept elsewhere as its increase since the last call.
    private func advance(_ name: String, _ label: (String, String)?, to total: Int) {
        let key = label.map { "\(name){\($0.0)=\($0.1)}" } ?? name
        let increase = state.withLock { state in
            defer { state.lastTotals[key] = max(total, state.lastTotals[key] ?? 0) }
            return total - (state.lastTotals[key] ?? 0)
        }
        guard increase > 0 else { return }
        Counter(label: name, dimensions: label.map { [$0] } ?? [], factory: factory).increment(by: increase)
    }

    // MARK: Delivery

    /// What became of one publish's datums, and the distinct series it published.
    public func record(_ report: PublishReport, published datums: [MetricDatum] = [], at now: Date = Date()) {
        Counter(label: Name.datumsPublished, factory: factory).increment(by: report.published)
        Counter(label: Name.datumsSpooled, factory: factory).increment(by: report.spooled)
        Counter(label: Name.datumsReplayed, factory: factory).increment(by: report.replayed)
        for (reason, count) in report.dropped where count > 0 {
            Counter(label: Name.datumsDropped, dimensions: [("reason", reason.rawValue)], factory: factory).increment(by: count)
        }
        state.withLock { state in
            for (reason, count) in report.dropped where count > 0 {
                state.delivery.datumsDropped[reason.rawValue, default: 0] += count
            }
            if !datums.isEmpty { state.seriesWindow.record(datums, at: now) }
        }
    }

    /// One PutMetricData call: `nil` error for a 2xx.
    public func recordRequest(duration: Duration, error: AWSCallError?, at now: Date = Date()) {
        let outcome = error?.outcome ?? "ok"
        Counter(label: Name.requests, dimensions: [("outcome", outcome)], factory: factory).increment()
        Timer(label: Name.requestDuration, factory: factory).recordNanoseconds(duration.nanoseconds)
        if let error {
            state.withLock { state in
                state.lastFailure = (now, error.description)
                state.delivery.failedRequests[outcome, default: 0] += 1
            }
        } else {
            Gauge(label: Name.lastSuccess, factory: factory).record(now.timeIntervalSince1970)
            state.withLock { $0.lastSuccess = now }
        }
    }

    public func recordRetry(after wait: Duration) {
        Counter(label: Name.retries, factory: factory).increment()
        FloatingPointCounter(label: Name.backoff, factory: factory).increment(by: wait.seconds)
    }

    /// How deliveries stand as of now, the spool read afresh.
    public func deliveryFigures() -> AgentDeliveryFigures {
        refresh()
        return state.withLock { $0.delivery }
    }

    public func recordOpenSeries(_ count: Int) {
        Gauge(label: Name.openSeries, factory: factory).record(count)
    }

    // MARK: Serving

    /// What `/healthz` answers: `ok`; `degraded` when CloudWatch has not taken a request
    /// since `stallAfter` (data is being spooled, the agent itself is fine); `stalled`
    /// when the agent has not collected for `stallAfter` (its loop is stuck: restart it).
    public func health(now: Date = Date(), stallAfter: TimeInterval) -> AgentHealth {
        refresh()
        return state.withLock { state in
            let collecting = state.lastCollection.map { now.timeIntervalSince($0) <= stallAfter } ?? (now.timeIntervalSince(startedAt) <= stallAfter)
            let failingSince = state.lastFailure.flatMap { failure in
                (state.lastSuccess.map { $0 < failure.at } ?? true) ? failure.at : nil
            }
            let delivering = failingSince == nil || (state.lastSuccess.map { now.timeIntervalSince($0) <= stallAfter } ?? (now.timeIntervalSince(startedAt) <= stallAfter))
            return AgentHealth(
                status: !collecting ? .stalled : (delivering ? .ok : .degraded),
                uptimeSeconds: max(0, now.timeIntervalSince(startedAt)),
                lastCollection: state.lastCollection,
                lastDelivery: state.lastSuccess,
                lastDeliveryError: failingSince == nil ? nil : state.lastFailure?.error,
                spoolFiles: state.delivery.spoolFiles,
                spoolBytes: state.delivery.spoolBytes
            )
        }
    }

    /// Runs before every scrape, for figures read rather than recorded (the spool's size).
    public func addRefresher(_ refresh: @escaping @Sendable () -> Void) {
        state.withLock { $0.refreshers.append(refresh) }
    }

    private func refresh() {
        for refresher in state.withLock({ $0.refreshers }) { refresher() }
    }

    /// The Prometheus text exposition of everything above, as of `now`.
    public func exposition(now: Date = Date()) -> [UInt8] {
        refresh()
        let (seriesCount, saturated) = state.withLock { state in
            (state.seriesWindow.count(asOf: now), state.seriesWindow.isSaturated)
        }
        Gauge(label: Name.seriesLastDay, factory: factory).record(seriesCount)
        Gauge(label: Name.seriesWindowSaturated, factory: factory).record(saturated ? 1 : 0)
        return registry.emitToBuffer()
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
