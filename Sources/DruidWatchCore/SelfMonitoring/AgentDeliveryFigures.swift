import Foundation

/// How the agent's deliveries stand: running totals of what it lost and of the
/// PutMetricData calls that failed, and what its spool holds now. Published to
/// CloudWatch as `druidwatch/agent/*` so that the alarm catalog can see a spool that
/// does not drain, lost datums and failing calls on any instance, not only on the
/// instance's own `/metrics`.
public struct AgentDeliveryFigures: Sendable, Equatable {
    /// Datums lost since start, by reason (`spool_full`, `spool_expired`, `disk_full`,
    /// `rejected`, `unavailable`, `value_out_of_range`, `outside_time_window`).
    public var datumsDropped: [String: Int] = [:]
    /// PutMetricData calls (every attempt, retries included) that failed since start,
    /// by outcome (`throttled`, `server_error`, `network`, `denied`, `rejected`, ...).
    public var failedRequests: [String: Int] = [:]
    public var spoolBytes = 0
    public var spoolFiles = 0
    /// The timestamp of the oldest datum still spooled; nil when the spool is empty.
    public var oldestSpooled: Date?

    public init() {}

    /// The metric names, spelled once.
    public enum Name {
        public static let spoolBytes = "druidwatch/agent/spool_bytes"
        public static let spoolOldestAge = "druidwatch/agent/spool_oldest_age"
        public static let datumsDropped = "druidwatch/agent/datums_dropped"
        public static let publishErrors = "druidwatch/agent/publish_errors"
    }

    /// One collection's samples: the spool's level and the age of its oldest data (both
    /// always, so that an empty spool reads 0 rather than nothing), and the increase of
    /// every running total since `previous` (only where it grew, so that an agent that
    /// loses nothing adds no standing series for it).
    public func samples(since previous: AgentDeliveryFigures, at timestamp: Date) -> [Sample] {
        var samples = [
            Sample(name: Name.spoolBytes, value: Double(spoolBytes), unit: .bytes, kind: .gauge, timestamp: timestamp),
            Sample(
                name: Name.spoolOldestAge, value: oldestSpooled.map { max(0, timestamp.timeIntervalSince($0)) } ?? 0,
                unit: .seconds, kind: .gauge, timestamp: timestamp
            ),
        ]
        samples += Self.increases(datumsDropped, since: previous.datumsDropped).map { reason, count in
            Sample(name: Name.datumsDropped, dimensions: [MetricDimension("Reason", reason)], value: Double(count), unit: .count, kind: .counter, timestamp: timestamp)
        }
        samples += Self.increases(failedRequests, since: previous.failedRequests).map { outcome, count in
            Sample(name: Name.publishErrors, dimensions: [MetricDimension("Outcome", outcome)], value: Double(count), unit: .count, kind: .counter, timestamp: timestamp)
        }
        return samples
    }

    /// A total that went down (a spool's statistics after its reopening) starts again
    /// from zero rather than hiding the next increases.
    private static func increases(_ totals: [String: Int], since previous: [String: Int]) -> [(String, Int)] {
        totals.sorted { $0.key < $1.key }.compactMap { key, total in
            let before = previous[key] ?? 0
            let increase = total >= before ? total - before : total
            return increase > 0 ? (key, increase) : nil
        }
    }
}
