/// CloudWatch's metric alarm state machine (reference §1.5, from the CloudWatch user
/// guide's "How alarm state is evaluated when data is missing"), as one pure function.
///
/// - At least N real points in the range: the newest N real points decide, reaching
///   back past missing slots; the missing-data treatment is not used.
/// - Fewer than N: all real points plus as few missing slots as make up N (the newest
///   missing ones) are evaluated, each fill counting as the treatment says.
/// - ALARM when at least M evaluated points breach.
/// - Premature-transition rule, for `missing` and `ignore`: with fewer than M real points,
///   the alarm still goes to ALARM when the oldest breaching point within the newest N
///   periods is at least M periods old and every newer real point breaches (`ignore`
///   keeps its state instead, as the reference's vectors show).
/// - Every slot missing: `missing` ⇒ INSUFFICIENT_DATA, `ignore` keeps the state,
///   `breaching` / `notBreaching` fill all N.
///
/// The premature rule applies only below M real points: with M or more, the real points
/// alone show whether M breach, which is what the vector `0 - X - -` (M = 2 ⇒ OK) needs.
public enum MetricAlarmEvaluator {
    public static func evaluate(
        _ range: EvaluationRange,
        configuration: MetricAlarmConfiguration,
        currentState: AlarmState
    ) -> AlarmEvaluation {
        let n = configuration.evaluationPeriods
        let m = configuration.datapointsToAlarm
        let treatment = configuration.treatMissingData
        let values = range.values
        let realSlots = values.indices.filter { values[$0] != nil }
        func breaches(_ slot: Int) -> Bool {
            values[slot].map { configuration.comparison.isBreaching($0, threshold: configuration.threshold) } ?? false
        }

        let fillSlots = slotsToFill(values: values, realCount: realSlots.count, evaluationPeriods: n)
        let evaluated = (realSlots.suffix(n) + fillSlots).sorted(by: >).map { slot in
            EvaluatedDatapoint(
                timestamp: range.timestamp(ofSlot: slot, periodSeconds: configuration.periodSeconds),
                value: values.indices.contains(slot) ? values[slot] : nil,
                isBreaching: values.indices.contains(slot) && values[slot] != nil ? breaches(slot) : treatment == .breaching
            )
        }

        func decided(_ state: AlarmState, _ decision: AlarmEvaluation.Decision, reason: String?) -> AlarmEvaluation {
            AlarmEvaluation(
                previousState: currentState, state: state, evaluatedDatapoints: evaluated,
                filledCount: fillSlots.count, fillTreatment: treatment, reason: reason, decision: decision
            )
        }
        func crossed(into state: AlarmState, _ decision: AlarmEvaluation.Decision) -> AlarmEvaluation {
            decided(state, decision, reason: AlarmStateReason.thresholdCrossed(
                into: state, configuration: configuration, evaluated: evaluated, filledCount: fillSlots.count
            ))
        }

        if realSlots.isEmpty {
            switch treatment {
            case .missing:
                return decided(.insufficientData, .noData, reason: AlarmStateReason.insufficientData(unknownCount: max(values.count, n)))
            case .ignore:
                return decided(currentState, .keptByIgnore, reason: nil)
            case .breaching, .notBreaching:
                break // the fills decide, below
            }
        }

        if evaluated.count(where: \.isBreaching) >= m {
            return crossed(into: .alarm, .thresholdCrossed)
        }
        let fillsAreUncounted = treatment == .missing || treatment == .ignore
        if fillsAreUncounted, realSlots.count < m,
           oldestBreachIsOldEnough(values: values, evaluationPeriods: n, datapointsToAlarm: m, breaches: breaches) {
            return treatment == .ignore
                ? decided(currentState, .keptByIgnore, reason: nil)
                : crossed(into: .alarm, .breachingLongEnough)
        }
        return crossed(into: .ok, .thresholdNotCrossed)
    }

    /// The missing slots that make up N with the fewest fills: the newest missing ones.
    /// A range shorter than N is made up with slots before it (negative indices).
    private static func slotsToFill(values: [Double?], realCount: Int, evaluationPeriods n: Int) -> [Int] {
        guard realCount < n else { return [] }
        let needed = n - realCount
        let missing = values.indices.filter { values[$0] == nil }.suffix(needed)
        let beforeRange = needed - missing.count
        return Array(-beforeRange..<0) + missing
    }

    /// The premature-transition test: within the newest N periods, the oldest breaching
    /// point is at least M periods old (the newest period being 1 old) and no newer real
    /// point is good.
    private static func oldestBreachIsOldEnough(
        values: [Double?], evaluationPeriods n: Int, datapointsToAlarm m: Int, breaches: (Int) -> Bool
    ) -> Bool {
        guard let newest = values.indices.last else { return false }
        let lastN = max(0, values.count - n)...newest
        guard let oldest = lastN.first(where: { values[$0] != nil && breaches($0) }),
              newest - oldest + 1 >= m else { return false }
        return (oldest...newest).allSatisfy { values[$0] == nil || breaches($0) }
    }
}
