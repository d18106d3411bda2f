import Foundation

/// Turns probe outcomes into samples, and says which probes each kind of service gets.
///
/// Every probe yields its gauge whatever happened: a service that refuses, times out,
/// answers 5xx or something other than the documented body reports 0, never nothing,
/// so that an alarm on `druid/health/up` sees the outage within one period.
public enum DruidHealthMetrics {
    public static let up = "druid/health/up"
    public static let leader = "druid/health/leader"
    public static let ready = "druid/health/ready"
    public static let latency = "druid/health/latency"
    public static let loadStatusPercent = "druid/health/loadstatus_percent"

    public static let serviceDimension = "Service"
    public static let dataSourceDimension = "dataSource"

    /// The probes for one kind of service, `/status/health` first.
    public static func probes(for kind: DruidServiceKind) -> [DruidHealthProbe] {
        switch kind {
        case .coordinator: [.health, .coordinatorLeader, .coordinatorLoadStatus]
        case .overlord: [.health, .overlordLeader]
        case .broker: [.health, .brokerLoadStatus]
        case .historical: [.health, .historicalLoadStatus]
        case .middleManager, .peon, .router, .indexer: [.health]
        }
    }

    /// The samples for one service from the outcomes of its probes (in any order).
    /// `serviceName` is its `druid.service` (`druid/broker`), the `Service` dimension.
    public static func samples(
        serviceName: String,
        outcomes: [(probe: DruidHealthProbe, outcome: DruidProbeOutcome)],
        timestamp: Date
    ) -> [Sample] {
        let service = MetricDimension(serviceDimension, serviceName)
        var samples: [Sample] = []
        func gauge(_ name: String, _ value: Double, unit: MetricUnit = .none, extra: [MetricDimension] = []) {
            samples.append(Sample(name: name, dimensions: [service] + extra, value: value, unit: unit, kind: .gauge, timestamp: timestamp))
        }
        var isLeader = false
        for (probe, outcome) in outcomes where probe.check == .leader {
            isLeader = leaderAnswer(outcome)
            gauge(leader, isLeader ? 1 : 0)
        }
        for (probe, outcome) in outcomes {
            switch probe.check {
            case .health:
                gauge(up, isHealthy(outcome) ? 1 : 0)
                if case let .answered(_, _, duration) = outcome {
                    gauge(latency, milliseconds(duration), unit: .milliseconds)
                }
            case .leader:
                break
            case .brokerLoadStatus:
                gauge(ready, jsonFlag(outcome, key: "inventoryInitialized") ? 1 : 0)
            case .historicalLoadStatus:
                gauge(ready, jsonFlag(outcome, key: "cacheInitialized") ? 1 : 0)
            case .coordinatorLoadStatus:
                // Only the leader's figures count; a follower redirects (307), and
                // without an answer there are no dataSources to report at all.
                guard isLeader || !outcomes.contains(where: { $0.probe.check == .leader }) else { continue }
                for (dataSource, percent) in loadPercentages(outcome) {
                    gauge(loadStatusPercent, percent, unit: .percent, extra: [MetricDimension(dataSourceDimension, dataSource)])
                }
            }
        }
        return samples
    }

    /// 200 with the body `true` (JSON, so surrounding white space is allowed).
    public static func isHealthy(_ outcome: DruidProbeOutcome) -> Bool {
        guard case let .answered(200, body, _) = outcome else { return false }
        return trimmed(body).elementsEqual("true".utf8)
    }

    /// 200 means leader, as documented; a 200 whose body says `"leader": false` is
    /// taken at its word. 404 and every failure mean "not (known to be) the leader".
    public static func leaderAnswer(_ outcome: DruidProbeOutcome) -> Bool {
        guard case let .answered(200, body, _) = outcome else { return false }
        if case let .bool(flag)? = jsonObject(body)?["leader"] { return flag }
        return true
    }

    /// 200 with a JSON object whose `key` is `true`.
    public static func jsonFlag(_ outcome: DruidProbeOutcome, key: String) -> Bool {
        guard case let .answered(200, body, _) = outcome, case .bool(true)? = jsonObject(body)?[key] else { return false }
        return true
    }

    /// The coordinator's `{"dataSource": percent, ...}`, sorted by dataSource; entries
    /// that are not finite numbers are skipped.
    public static func loadPercentages(_ outcome: DruidProbeOutcome) -> [(String, Double)] {
        guard case let .answered(200, body, _) = outcome, let object = jsonObject(body) else { return [] }
        return object.compactMap { key, value -> (String, Double)? in
            guard case let .number(percent) = value, percent.isFinite else { return nil }
            return (key, percent)
        }
        .sorted { $0.0 < $1.0 }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    /// A JSON value reduced to what the probes look at; decoded with `JSONDecoder`,
    /// which (unlike `JSONSerialization` on Linux) never mistakes 1 or 0 for a boolean.
    enum JSONScalar: Decodable, Equatable {
        case bool(Bool)
        case number(Double)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .other
            }
        }
    }

    private static func jsonObject(_ body: [UInt8]) -> [String: JSONScalar]? {
        guard !body.isEmpty else { return nil }
        return try? JSONDecoder().decode([String: JSONScalar].self, from: Data(body))
    }

    private static func trimmed(_ body: [UInt8]) -> ArraySlice<UInt8> {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = body.firstIndex(where: { !isSpace($0) }), let last = body.lastIndex(where: { !isSpace($0) }) else { return [] }
        return body[first...last]
    }
}
