import DruidWatchCore
import Foundation

/// What `druidwatch status` prints: the agent's `/healthz` and `/metrics` as a few lines
/// a person reads at 3 a.m. Pure: it is given what the endpoints answered.
public struct AgentStatusSummary: Sendable {
    public var address: String
    public var health: AgentHealth
    public var metrics: PrometheusParseResult

    public init(address: String, health: AgentHealth, metrics: PrometheusParseResult) {
        self.address = address
        self.health = health
        self.metrics = metrics
    }

    /// The shell exit status for the agent's state: 0 ok, 1 degraded, 2 stalled.
    public var exitCode: Int32 {
        switch health.status {
        case .ok: 0
        case .degraded: 1
        case .stalled: 2
        }
    }

    public func render(now: Date = Date()) -> String {
        typealias Name = AgentSelfMetrics.Name
        var lines = ["druidwatch agent at \(address): \(health.status.rawValue.uppercased()), up \(Self.duration(health.uptimeSeconds))"]

        let collected = health.lastCollection.map { "last collection \(Self.ago($0, now: now))" } ?? "no collection yet"
        lines.append(row("collecting", collected))
        if let error = health.lastDeliveryError {
            let since = health.lastDelivery.map { "; last accepted \(Self.ago($0, now: now))" } ?? "; nothing accepted since start"
            lines.append(row("delivering", "FAILING: \(error)\(since)"))
        } else {
            lines.append(row("delivering", health.lastDelivery.map { "last PutMetricData accepted \(Self.ago($0, now: now))" } ?? "nothing sent yet"))
        }

        let received = byLabel(Name.samplesReceived, "source")
        var receivedText = "\(Self.count(sum(received), "sample"))\(Self.breakdown(received))"
        let failures = byLabel(Name.sourceFailures, "source")
        if sum(failures) > 0 { receivedText += "; \(Self.count(sum(failures), "source failure"))\(Self.breakdown(failures))" }
        lines.append(row("received", receivedText))

        let dropped = byLabel(Name.datumsDropped, "reason")
        lines.append(row("datums", [
            "\(Self.count(value(Name.datumsPublished))) published",
            "\(Self.count(value(Name.datumsSpooled))) spooled",
            "\(Self.count(value(Name.datumsReplayed))) replayed",
            "\(Self.count(sum(dropped))) dropped\(Self.breakdown(dropped))",
        ].joined(separator: ", ")))

        let requests = byLabel(Name.requests, "outcome")
        var requestText = "\(Self.count(sum(requests), "PutMetricData request"))\(Self.breakdown(requests))"
        let durationCount = value(Name.requestDuration + "_count")
        if durationCount > 0 {
            requestText += ", mean \(Int((value(Name.requestDuration + "_sum") / durationCount * 1000).rounded())) ms"
        }
        requestText += "; \(Self.count(value(Name.retries), "retry", "retries")), \(String(format: "%.1f", value(Name.backoff))) s of backoff"
        lines.append(row("CloudWatch", requestText))

        lines.append(row("spool", "\(Self.count(Double(health.spoolFiles), "file")), \(Self.bytes(health.spoolBytes))"))
        var seriesText = "\(Self.count(value(Name.openSeries))) open series; \(Self.count(value(Name.seriesLastDay))) distinct series published in the last 24 h"
        if value(Name.seriesWindowSaturated) > 0 { seriesText += " (at least: too many to track)" }
        lines.append(row("aggregate", seriesText))

        let refusals = byLabel(Name.emitterRefusals, "reason")
        let rejectedEvents = value(Name.emitterRejectedEvents)
        if sum(refusals) > 0 || rejectedEvents > 0 {
            lines.append(row("emitter", "\(Self.count(sum(refusals), "request")) refused\(Self.breakdown(refusals)), \(Self.count(rejectedEvents, "event")) rejected"))
        }
        let rejected = byLabel(Name.samplesRejected, "reason")
        if sum(rejected) > 0 {
            lines.append(row("rejected", "\(Self.count(sum(rejected), "sample")) not aggregated\(Self.breakdown(rejected))"))
        }
        return lines.joined(separator: "\n")
    }

    private func row(_ title: String, _ text: String) -> String {
        "  " + (title + ":").padding(toLength: 12, withPad: " ", startingAt: 0) + text
    }

    private var samples: [PrometheusSample] { metrics.families.flatMap(\.samples) }

    private func value(_ name: String) -> Double {
        samples.filter { $0.name == name }.reduce(0) { $0 + $1.value }
    }

    private func byLabel(_ name: String, _ label: String) -> [(String, Double)] {
        var totals: [String: Double] = [:]
        for sample in samples where sample.name == name {
            totals[sample.label(label) ?? "", default: 0] += sample.value
        }
        return totals.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
    }

    private func sum(_ parts: [(String, Double)]) -> Double { parts.reduce(0) { $0 + $1.1 } }

    static func breakdown(_ parts: [(String, Double)]) -> String {
        parts.isEmpty ? "" : " (" + parts.map { "\($0.0) \(count($0.1))" }.joined(separator: ", ") + ")"
    }

    /// "1 file", "2 files": the count and the noun that agrees with it.
    static func count(_ value: Double, _ singular: String, _ plural: String? = nil) -> String {
        "\(count(value)) \(value.rounded() == 1 ? singular : plural ?? singular + "s")"
    }

    static func count(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e18 else { return "\(value)" }
        let digits = String(abs(Int(value.rounded())))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    static func bytes(_ value: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1024, unit < units.count - 1 {
            amount /= 1024
            unit += 1
        }
        return unit == 0 ? "\(value) B" : String(format: "%.1f %@", amount, units[unit])
    }

    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded(.down)))
        let (days, hours, minutes, rest) = (total / 86_400, total % 86_400 / 3600, total % 3600 / 60, total % 60)
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(String(format: "%02d", minutes))m" }
        if minutes > 0 { return "\(minutes)m \(String(format: "%02d", rest))s" }
        return "\(rest)s"
    }

    static func ago(_ date: Date, now: Date) -> String {
        "\(duration(now.timeIntervalSince(date))) ago"
    }
}
