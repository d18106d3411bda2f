import Foundation

/// What CloudWatch accepts in a datum, checked before sending so that a datum it would
/// refuse is dropped (and counted) alone instead of costing a failed request: values
/// within ±2^360 (and not NaN or infinite), timestamps from two weeks ago to two hours
/// ahead.
public enum PutMetricDataAcceptance {
    public static let maximumMagnitude = Double(sign: .plus, exponent: 360, significand: 1)
    public static let maximumAge: TimeInterval = 14 * 24 * 3600
    public static let maximumLead: TimeInterval = 2 * 3600

    public enum Refusal: String, Sendable, Hashable, CaseIterable {
        case valueOutOfRange = "value_out_of_range"
        case tooOld = "too_old"
        case inTheFuture = "in_the_future"
    }

    public static func refusal(of datum: MetricDatum, now: Date) -> Refusal? {
        let age = now.timeIntervalSince(datum.timestamp)
        // A minute's margin at each end: the request itself takes time to arrive.
        if age > maximumAge - 60 { return .tooOld }
        if -age > maximumLead - 60 { return .inTheFuture }
        let values: [Double]
        switch datum.value {
        case let .single(value): values = [value]
        case let .statistics(set): values = [set.sampleCount, set.sum, set.minimum, set.maximum]
        case let .distribution(distinct, counts): values = distinct + counts
        }
        return values.allSatisfy { $0.isFinite && abs($0) <= maximumMagnitude } ? nil : .valueOutOfRange
    }

    /// The datums CloudWatch will take, and how many of the rest for each reason.
    public static func partition(_ datums: [MetricDatum], now: Date) -> (accepted: [MetricDatum], refused: [Refusal: Int]) {
        var accepted: [MetricDatum] = []
        accepted.reserveCapacity(datums.count)
        var refused: [Refusal: Int] = [:]
        for datum in datums {
            if let reason = refusal(of: datum, now: now) {
                refused[reason, default: 0] += 1
            } else {
                accepted.append(datum)
            }
        }
        return (accepted, refused)
    }
}
