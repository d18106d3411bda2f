import DruidWatchCore
import Foundation
import Logging

/// Reads emitter batches into the agent's aggregate: parse, map through the catalog,
/// fold in. Runs on the receiver's network threads, so it takes no locks but the
/// inbox's, once per batch. Druid alerts are logged with every field (to the journal
/// under systemd), counted by service and severity, and handed to `onAlerts` (the
/// agent's alerts log stream).
public final class EmitterIntake: Sendable {
    public let mapper: DruidEventMapper
    private let inbox: AggregationInbox
    private let logger: Logger
    private let now: @Sendable () -> Date
    private let observe: @Sendable (Observation) -> Void
    private let onAlerts: @Sendable ([DruidAlertEvent]) -> Void

    /// What became of one request, for the agent's own metrics.
    public enum Observation: Sendable, Equatable {
        case accepted(events: Int, rejected: Int)
        case refused(Refusal)
    }

    public init(
        mapper: DruidEventMapper, inbox: AggregationInbox, logger: Logger,
        now: @escaping @Sendable () -> Date = Date.init,
        observe: @escaping @Sendable (Observation) -> Void = { _ in },
        onAlerts: @escaping @Sendable ([DruidAlertEvent]) -> Void = { _ in }
    ) {
        self.mapper = mapper
        self.inbox = inbox
        self.logger = logger
        self.now = now
        self.observe = observe
        self.onAlerts = onAlerts
    }

    public func accept(_ body: UnsafeRawBufferPointer) -> EmitterBatchOutcome {
        var parser = DruidBatchParser()
        var alerts: [DruidAlertEvent] = []
        let (batch, report) = parser.aggregate(body, mapper: mapper, periodSeconds: inbox.foldingPeriodSeconds, onAlert: { alerts.append($0) })
        let unknown = batch.unknownMetrics
        var samples: [Sample] = []
        if let malformed = report.malformed, report.accepted == 0, report.rejected == 0 {
            record(.malformedBatch)
            logger.warning("emitter batch refused", metadata: ["reason": "\(malformed)", "bytes": "\(body.count)"])
            return .malformed(malformed.description)
        }
        let stamp = now()
        for alert in alerts {
            log(alert)
            samples.append(Sample(
                name: "druid/alerts",
                dimensions: [MetricDimension(mapper.naming.serviceDimension, alert.service), MetricDimension("Severity", alert.severity)],
                value: 1, unit: .count, kind: .counter,
                timestamp: alert.timestamp.map(Date.init(timeIntervalSince1970:)) ?? stamp
            ))
        }
        onAlerts(alerts)
        samples += selfMetrics(report: report, unknown: unknown, at: stamp)
        inbox.add(batch)
        inbox.add(samples)
        observe(.accepted(events: report.accepted, rejected: report.rejected + (report.malformed == nil ? 0 : 1)))
        if report.rejected > 0 || report.malformed != nil {
            logger.warning("emitter batch partly unreadable", metadata: [
                "kept": "\(report.accepted)", "rejected": "\(report.rejected)",
                "first_reasons": "\(report.rejections.prefix(3).map { "event \($0.index): \($0.reason)" })",
                "broken_off": "\(report.malformed?.description ?? "no")",
            ])
        }
        return .accepted(report, unknownMetrics: unknown)
    }

    /// Requests the receiver turned away before reading them.
    public enum Refusal: String, Sendable {
        case malformedBatch = "malformed"
        case tooLarge = "too_large"
        case overloaded
        case unauthorized
        case badEncoding = "bad_encoding"
    }

    public func record(_ refusal: Refusal) {
        observe(.refused(refusal))
        inbox.add(Sample(name: "druidwatch/emitter/refused", dimensions: [MetricDimension("Reason", refusal.rawValue)], value: 1, unit: .count, kind: .counter, timestamp: now()))
    }

    private func selfMetrics(report: DruidBatchReport, unknown: Int, at stamp: Date) -> [Sample] {
        var samples = [
            Sample(name: "druidwatch/emitter/batches", value: 1, unit: .count, kind: .counter, timestamp: stamp),
            Sample(name: "druidwatch/emitter/events", value: Double(report.metrics + report.alerts), unit: .count, kind: .counter, timestamp: stamp),
        ]
        let rejected = report.rejected + (report.malformed == nil ? 0 : 1)
        if rejected > 0 {
            samples.append(Sample(name: "druidwatch/emitter/rejected_events", value: Double(rejected), unit: .count, kind: .counter, timestamp: stamp))
        }
        if unknown > 0 {
            samples.append(Sample(name: "druidwatch/emitter/unknown_metrics", value: Double(unknown), unit: .count, kind: .counter, timestamp: stamp))
        }
        return samples
    }

    private func log(_ alert: DruidAlertEvent) {
        var metadata: Logger.Metadata = [
            "druid_service": "\(alert.service)", "druid_host": "\(alert.host)", "druid_severity": "\(alert.severity)",
        ]
        for (key, value) in alert.fields {
            metadata["druid_\(key.replacingOccurrences(of: ".", with: "_"))"] = "\(value)"
        }
        let level: Logger.Level = alert.severity == "anomaly" ? .warning : .error
        logger.log(level: level, "Druid alert: \(alert.description)", metadata: metadata)
    }
}
