import DruidWatchCore
import Foundation
import Testing

/// `NewStateReason` in the formats CloudWatch was observed to write (reference §1.5
/// reason-string table and the public payload samples it cites).
@Suite struct AlarmStateReasonTests {
    private func reason(
        _ range: String, n: Int = 3, m: Int? = nil, treatMissingData: TreatMissingData = .missing,
        threshold: Double = 50, comparison: ComparisonOperator = .greaterThanThreshold
    ) throws -> String? {
        let configuration = try MetricAlarmConfiguration(
            periodSeconds: 60, evaluationPeriods: n, datapointsToAlarm: m,
            threshold: threshold, comparison: comparison, treatMissingData: treatMissingData
        )
        return MetricAlarmEvaluator.evaluate(AlarmVectors.range(range), configuration: configuration, currentState: .ok).reason
    }

    @Test func mOfNIntoAlarmListsTheBreachingPointsNewestFirst() throws {
        #expect(try reason("0 0 X 0 X", m: 2) == "Threshold Crossed: 2 out of the last 3 datapoints "
            + "[90.0 (14/11/23 22:14:00), 90.0 (14/11/23 22:12:00)] were greater than the threshold (50.0) "
            + "(minimum 2 datapoints for OK -> ALARM transition).")
    }

    @Test func mOfNBackToOkListsTheGoodPoints() throws {
        #expect(try reason("0 - X - X", m: 3) == "Threshold Crossed: 1 out of the last 3 datapoints "
            + "[10.0 (14/11/23 22:10:00)] was not greater than the threshold (50.0) "
            + "(minimum 1 datapoint for ALARM -> OK transition).")
    }

    @Test func fillsAreNamedBeforeTheMinimum() throws {
        #expect(try reason("- - - - X", m: 1, treatMissingData: .notBreaching) == "Threshold Crossed: 1 out of the last 3 datapoints "
            + "[90.0 (14/11/23 22:14:00)] was greater than the threshold (50.0) and 2 missing datapoints were treated as "
            + "[NonBreaching] (minimum 1 datapoint for OK -> ALARM transition).")
    }

    @Test func withoutDatapointsToAlarmTheShortFormIsUsed() throws {
        // The reference's back-to-OK sample: "3 datapoints [...] were not greater than the threshold (60.0)."
        #expect(try reason("X 0 0 0", threshold: 60) == "Threshold Crossed: 3 datapoints "
            + "[10.0 (14/11/23 22:14:00), 10.0 (14/11/23 22:13:00), 10.0 (14/11/23 22:12:00)] were not greater than the threshold (60.0).")
        #expect(try reason("- - 0", treatMissingData: .breaching) == "Threshold Crossed: 1 datapoint "
            + "[10.0 (14/11/23 22:14:00)] was not greater than the threshold (50.0) and 2 missing datapoints were treated as [Breaching].")
    }

    @Test func whenOnlyFillsDecideTheReasonCountsReceivedDatapoints() throws {
        #expect(try reason("- - - - 0", m: 2, treatMissingData: .breaching)
            == "Threshold Crossed: 1 datapoint was received for 3 periods and 2 missing datapoints were treated as [Breaching].")
        #expect(try reason("- - - - -", treatMissingData: .notBreaching)
            == "Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [NonBreaching].")
    }

    @Test func noDataAtAllIsInsufficientData() throws {
        #expect(try reason("- - - - -") == "Insufficient Data: 5 datapoints were unknown.")
    }

    @Test func prematureAlarmNamesItsOneBreachingPoint() throws {
        #expect(try reason("- - X - -", m: 3) == "Threshold Crossed: 1 out of the last 3 datapoints "
            + "[90.0 (14/11/23 22:12:00)] was greater than the threshold (50.0) (minimum 3 datapoints for OK -> ALARM transition).")
    }

    @Test(arguments: [
        (ComparisonOperator.greaterThanOrEqualToThreshold, "X", "was greater than or equal to the threshold (1.0)"),
        (.greaterThanThreshold, "X", "was greater than the threshold (1.0)"),
        (.lessThanThreshold, "0", "was not less than the threshold (1.0)"),
        (.lessThanOrEqualToThreshold, "0", "was not less than or equal to the threshold (1.0)"),
    ])
    func comparisonWording(comparison: ComparisonOperator, point: String, words: String) throws {
        let text = try #require(try reason(point, n: 1, m: 1, threshold: 1, comparison: comparison))
        #expect(text.contains(words), "\(text)")
    }

    @Test(arguments: [
        (60.0, "60.0"), (1.0, "1.0"), (0.0, "0.0"), (-2.5, "-2.5"), (100.0, "100.0"),
        (8.891518474692088, "8.891518474692088"), (0.0666851903306472, "0.0666851903306472"),
        (0.001, "0.001"), (0.0001, "1.0E-4"), (1.5e-7, "1.5E-7"),
        (1_234_567.0, "1234567.0"), (10_000_000.0, "1.0E7"), (12_345_678.9, "1.23456789E7"), (1e21, "1.0E21"),
    ])
    func numbersAreWrittenAsJavaWritesThem(value: Double, text: String) {
        #expect(CloudWatchNumberText.format(value) == text)
    }

    @Test(arguments: [
        (0.0, "01/01/70 00:00:00"),
        (1_700_000_040.9, "14/11/23 22:14:00"),
        (951_825_600.0, "29/02/00 12:00:00"),
        (4_133_980_799.0, "31/12/00 23:59:59"), // 2100 (not a leap year): the two-digit year wraps
        (4_107_542_399.0, "28/02/00 23:59:59"),
        (-1.0, "31/12/69 23:59:59"),
    ])
    func timestampsAreUTCWithTwoDigitYears(seconds: Double, text: String) {
        #expect(ReasonTimestampText.format(Date(timeIntervalSince1970: seconds)) == text)
    }
}
