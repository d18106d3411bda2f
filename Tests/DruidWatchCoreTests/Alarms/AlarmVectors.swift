import DruidWatchCore
import Foundation

/// Ranges written as the reference writes them, oldest first: `0` a good point, `X` a
/// breaching one, `-` a missing one. Alarms compare with GreaterThanThreshold 50, so
/// `0` is 10 and `X` is 90.
enum AlarmVectors {
    static let newest = Date(timeIntervalSince1970: 1_700_000_040) // 14/11/23 22:14:00 UTC

    static func range(_ picture: String) -> EvaluationRange {
        let values: [Double?] = picture.split(separator: " ").map { symbol in
            switch symbol {
            case "0": 10
            case "X": 90
            default: nil
            }
        }
        return EvaluationRange(values: values, newestTimestamp: newest)
    }

    static func configuration(
        n: Int, m: Int? = nil, treatMissingData: TreatMissingData = .missing
    ) throws -> MetricAlarmConfiguration {
        try MetricAlarmConfiguration(
            periodSeconds: 60, evaluationPeriods: n, datapointsToAlarm: m,
            threshold: 50, comparison: .greaterThanThreshold, treatMissingData: treatMissingData
        )
    }
}
