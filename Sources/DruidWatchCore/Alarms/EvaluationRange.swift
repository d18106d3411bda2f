import Foundation

/// The datapoints an alarm evaluation looks at: one slot per period, oldest first, each
/// holding the period's statistic or nothing. CloudWatch fetches more periods than N
/// (the "evaluation range") so that missing recent points can be looked past.
public struct EvaluationRange: Sendable, Hashable {
    /// One value per period, oldest first; nil where the period has no datapoint.
    public let values: [Double?]
    /// Start of the newest period; slot `i` starts `(values.count - 1 - i)` periods earlier.
    public let newestTimestamp: Date

    /// Non-finite values (NaN, ±infinity) are stored as missing: CloudWatch never stores
    /// them (PutMetricData rejects them), so one arriving here is a broken computation,
    /// and counting it as breaching or not would be a guess either way.
    public init(values: [Double?], newestTimestamp: Date) {
        self.values = values.map { value in value.flatMap { $0.isFinite ? $0 : nil } }
        self.newestTimestamp = newestTimestamp
    }

    /// How many periods to fetch for N evaluation periods: N + 2.
    ///
    /// CloudWatch does not publish its formula; its one documented example is N = 3 ⇒
    /// 5 points. Two extra periods look past the usual one-or-two-period ingestion delay
    /// of the newest points, which does not grow with N, so the extra stays fixed rather
    /// than scaling (a scaled range would also re-read stale points for longer after a
    /// metric stops, the re-firing the reference warns about).
    public static func slotCount(evaluationPeriods: Int) -> Int {
        max(evaluationPeriods, 1) + 2
    }

    /// Start of slot `index` for a period of `periodSeconds`.
    func timestamp(ofSlot index: Int, periodSeconds: Int) -> Date {
        newestTimestamp.addingTimeInterval(-Double((values.count - 1 - index) * periodSeconds))
    }
}
