import Foundation

/// Everything the evaluator carries from one cycle to the next, and across restarts.
public struct EvaluatorState: Sendable, Codable {
    public var series: [SeriesRequest: SeriesHistory] = [:]
    public var groups: [AlarmInstanceKey: AlarmGroupState] = [:]
    /// Per metric rule: the series CloudWatch listed for it, and when.
    public var discovered: [String: DiscoveredSeries] = [:]
    /// Per rule, its aggregate state changes (newest last, bounded), for actions
    /// suppressors and `alarms status`.
    public var ruleHistory: [String: [AlarmStateChange]] = [:]
    /// The direct feed's partial periods and the series it reports (nil until it posts).
    public var directFeed: DirectFeedState?

    public init() {}

    public static let ruleHistoryLimit = 20
}

public struct DiscoveredSeries: Sendable, Codable, Hashable {
    public var series: [MetricIdentity]
    public var at: Date

    public init(series: [MetricIdentity], at: Date) {
        self.series = series
        self.at = at
    }
}

extension AlarmStateChange: Codable {
    private enum CodingKeys: String, CodingKey { case state, time }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(state: try container.decode(AlarmState.self, forKey: .state), time: try container.decode(Date.self, forKey: .time))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(time, forKey: .time)
    }
}
