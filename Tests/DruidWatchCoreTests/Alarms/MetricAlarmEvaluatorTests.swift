import DruidWatchCore
import Foundation
import Testing

/// The evaluator beyond the reference's tables: M of N, the threshold boundary, bad
/// values, configuration limits and what a result carries for a notifier.
@Suite struct MetricAlarmEvaluatorTests {
    private func state(_ range: String, n: Int, m: Int, treatMissingData: TreatMissingData = .missing) throws -> AlarmState {
        let configuration = try AlarmVectors.configuration(n: n, m: m, treatMissingData: treatMissingData)
        return MetricAlarmEvaluator.evaluate(AlarmVectors.range(range), configuration: configuration, currentState: .ok).state
    }

    @Test(arguments: [
        ("0 0 X 0 X 0 X", 5, 3, AlarmState.alarm), // 3 of the newest 5, none adjacent
        ("X 0 X 0 0 X 0", 5, 3, .ok),              // the oldest X is outside the newest 5
        ("X X 0 0 0 0 0", 5, 2, .ok),
        ("0 0 X 0 0 0 X", 5, 2, .alarm),
        ("X - X - - 0 -", 3, 2, .alarm),           // the newest 3 real points reach back past gaps
    ])
    func datapointsToAlarmNeedNotBeConsecutive(range: String, n: Int, m: Int, expected: AlarmState) throws {
        #expect(try state(range, n: n, m: m) == expected)
    }

    @Test(arguments: [
        (ComparisonOperator.greaterThanOrEqualToThreshold, [49.999: false, 50.0: true, 50.001: true]),
        (.greaterThanThreshold, [49.999: false, 50.0: false, 50.001: true]),
        (.lessThanThreshold, [49.999: true, 50.0: false, 50.001: false]),
        (.lessThanOrEqualToThreshold, [49.999: true, 50.0: true, 50.001: false]),
    ])
    func eachComparisonAtTheThreshold(comparison: ComparisonOperator, breaching: [Double: Bool]) throws {
        let configuration = try MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 1, threshold: 50, comparison: comparison)
        for (value, isBreaching) in breaching {
            #expect(comparison.isBreaching(value, threshold: 50) == isBreaching, "\(value)")
            let range = EvaluationRange(values: [value], newestTimestamp: AlarmVectors.newest)
            let result = MetricAlarmEvaluator.evaluate(range, configuration: configuration, currentState: .insufficientData)
            #expect(result.state == (isBreaching ? .alarm : .ok), "\(value)")
        }
    }

    /// A non-finite value is a missing datapoint: it neither breaches nor clears.
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteValuesAreMissing(bad: Double) throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: 3)
        let allBad = EvaluationRange(values: [bad, bad, bad, bad, bad], newestTimestamp: AlarmVectors.newest)
        #expect(allBad.values.allSatisfy { $0 == nil })
        #expect(MetricAlarmEvaluator.evaluate(allBad, configuration: configuration, currentState: .ok).state == .insufficientData)

        // `- - X bad bad` is `- - X - -`: the premature rule alarms on it.
        let mixed = EvaluationRange(values: [nil, nil, 90, bad, bad], newestTimestamp: AlarmVectors.newest)
        #expect(MetricAlarmEvaluator.evaluate(mixed, configuration: configuration, currentState: .ok).state == .alarm)
    }

    @Test func theResultCarriesTheEvaluatedPointsAndFills() throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: 2, treatMissingData: .breaching)
        let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range("0 - X - -"), configuration: configuration, currentState: .ok)
        #expect(result.state == .alarm && result.changedState && result.previousState == .ok)
        #expect(result.decision == .thresholdCrossed)
        #expect(result.filledCount == 1 && result.fillTreatment == .breaching)
        // Newest first: the fill takes the newest missing slot; the real points keep their periods.
        let newest = AlarmVectors.newest
        #expect(result.evaluatedDatapoints == [
            EvaluatedDatapoint(timestamp: newest, value: nil, isBreaching: true),
            EvaluatedDatapoint(timestamp: newest - 120, value: 90, isBreaching: true),
            EvaluatedDatapoint(timestamp: newest - 240, value: 10, isBreaching: false),
        ])
        #expect(result.evaluatedDatapoints[0].isFilled)
    }

    @Test func aRangeShorterThanNIsFilledBeforeItsStart() throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: 3, treatMissingData: .breaching)
        let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range("X"), configuration: configuration, currentState: .ok)
        #expect(result.state == .alarm)
        #expect(result.evaluatedDatapoints.map(\.timestamp) == [AlarmVectors.newest, AlarmVectors.newest - 60, AlarmVectors.newest - 120])

        let empty = EvaluationRange(values: [], newestTimestamp: AlarmVectors.newest)
        let missing = try AlarmVectors.configuration(n: 3)
        let noData = MetricAlarmEvaluator.evaluate(empty, configuration: missing, currentState: .ok)
        #expect(noData.state == .insufficientData)
        #expect(noData.reason == "Insufficient Data: 3 datapoints were unknown.")
    }

    @Test func anUnchangedStateIsNotAChange() throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: 3)
        let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range("X X X X X"), configuration: configuration, currentState: .alarm)
        #expect(result.state == .alarm && !result.changedState)
    }

    @Test func theRangeIsTwoPeriodsLongerThanN() {
        #expect(EvaluationRange.slotCount(evaluationPeriods: 3) == 5) // CloudWatch's documented example
        #expect(EvaluationRange.slotCount(evaluationPeriods: 1) == 3)
        #expect(EvaluationRange.slotCount(evaluationPeriods: 60) == 62)
    }

    @Test func datapointsToAlarmDefaultsToEvaluationPeriods() throws {
        let configuration = try AlarmVectors.configuration(n: 4)
        #expect(configuration.datapointsToAlarm == 4)
        #expect(!configuration.datapointsToAlarmIsExplicit)
        #expect(try AlarmVectors.configuration(n: 4, m: 4).datapointsToAlarmIsExplicit)
    }

    @Test(arguments: [
        (60, 3, Optional(0), AlarmConfigurationError.invalidDatapointsToAlarm(0, evaluationPeriods: 3)),
        (60, 3, 4, .invalidDatapointsToAlarm(4, evaluationPeriods: 3)),
        (60, 0, nil, .invalidEvaluationPeriods(0)),
        (45, 3, nil, .invalidPeriod(45)),
        (0, 3, nil, .invalidPeriod(0)),
        (60, 1441, nil, .evaluationSpanTooLong(seconds: 86_460, limit: 86_400)),
        (3600, 169, nil, .evaluationSpanTooLong(seconds: 608_400, limit: 604_800)),
    ] as [(Int, Int, Int?, AlarmConfigurationError)])
    func invalidConfigurationsAreRefused(period: Int, n: Int, m: Int?, error: AlarmConfigurationError) {
        #expect(throws: error) {
            try MetricAlarmConfiguration(periodSeconds: period, evaluationPeriods: n, datapointsToAlarm: m, threshold: 1, comparison: .greaterThanThreshold)
        }
    }

    @Test func limitsThatCloudWatchAcceptsAreAccepted() throws {
        _ = try MetricAlarmConfiguration(periodSeconds: 10, evaluationPeriods: 8640, threshold: 1, comparison: .lessThanThreshold)
        _ = try MetricAlarmConfiguration(periodSeconds: 3600, evaluationPeriods: 168, threshold: 1, comparison: .lessThanThreshold)
        #expect(throws: AlarmConfigurationError.nonFiniteThreshold) {
            try MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 1, threshold: .nan, comparison: .lessThanThreshold)
        }
        #expect(AlarmConfigurationError.invalidDatapointsToAlarm(4, evaluationPeriods: 3).description
            == "datapoints to alarm 4: must be between 1 and the evaluation periods (3)")
    }

    @Test func rawValuesAreCloudWatchs() {
        #expect(AlarmState.allCases.map(\.rawValue) == ["OK", "ALARM", "INSUFFICIENT_DATA"])
        #expect(TreatMissingData.allCases.map(\.rawValue) == ["missing", "ignore", "breaching", "notBreaching"])
        #expect(ComparisonOperator(rawValue: "LessThanOrEqualToThreshold") == .lessThanOrEqualToThreshold)
    }
}
