import Foundation

/// What one evaluation of a metric alarm decided, with what a notifier needs to explain it.
public struct AlarmEvaluation: Sendable, Hashable {
    public let previousState: AlarmState
    public let state: AlarmState
    /// The datapoints the decision used, newest first (CloudWatch lists them newest first):
    /// real ones and the missing slots that were filled.
    public let evaluatedDatapoints: [EvaluatedDatapoint]
    /// How many missing slots were filled to make up N, and what they counted as.
    public let filledCount: Int
    public let fillTreatment: TreatMissingData
    /// Why, in CloudWatch's `NewStateReason` wording. Nil when `ignore` kept the state:
    /// CloudWatch leaves the previous reason in place then.
    public let reason: String?
    /// Which rule decided.
    public let decision: Decision

    public var changedState: Bool { state != previousState }

    public enum Decision: Sendable, Hashable {
        /// Breaching points (real, plus fills for `breaching`) reached M.
        case thresholdCrossed
        /// Fewer than M breaching points.
        case thresholdNotCrossed
        /// Fewer than M real points, but the oldest breaching one is at least M periods old
        /// and nothing newer is good: CloudWatch's premature-transition rule.
        case breachingLongEnough
        /// Every slot of the range was missing.
        case noData
        /// `ignore` kept the previous state.
        case keptByIgnore
    }
}

/// One datapoint an evaluation used.
public struct EvaluatedDatapoint: Sendable, Hashable {
    /// Start of the datapoint's period.
    public let timestamp: Date
    /// The real value; nil for a filled missing slot.
    public let value: Double?
    /// Whether it counted as breaching: for a fill, true only under `breaching`.
    public let isBreaching: Bool

    public var isFilled: Bool { value == nil }

    public init(timestamp: Date, value: Double?, isBreaching: Bool) {
        self.timestamp = timestamp
        self.value = value
        self.isBreaching = isBreaching
    }
}
