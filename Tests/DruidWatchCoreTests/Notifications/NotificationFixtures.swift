import DruidWatchCore
import Foundation
import Testing

/// A state change like the reference's CloudWatch sample (§1.11): `cpu-high` on one EC2
/// instance, Average ≥ 80.0 over one 300-second period, going OK → ALARM.
enum NotificationFixtures {
    static let stateChangedAt = Date(timeIntervalSince1970: 1_433_353_407.123)  // 2015-06-03T17:43:27.123Z, a Wednesday
    static let configurationUpdatedAt = Date(timeIntervalSince1970: 1_725_847_089.198)  // 2024-09-09T01:58:09.198Z
    static let reason = "Threshold Crossed: 1 out of the last 1 datapoints [85.5 (03/06/15 17:38:00)] was greater than or equal to the threshold (80.0) (minimum 1 datapoint for OK -> ALARM transition)."

    static func change(
        name: String = "cpu-high",
        description: String? = "CPU above 80%",
        region: String = "us-east-1",
        old: AlarmState = .ok,
        new: AlarmState = .alarm,
        reason: String = reason,
        statistic: AlarmStatistic = .average,
        unit: String? = nil,
        evaluationPeriods: Int = 1,
        datapointsToAlarm: Int? = nil,
        context: AlarmNotificationContext = AlarmNotificationContext()
    ) throws -> MetricAlarmStateChange {
        let configuration = try MetricAlarmConfiguration(
            periodSeconds: 300, evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapointsToAlarm,
            threshold: 80, comparison: .greaterThanOrEqualToThreshold, treatMissingData: .missing
        )
        return MetricAlarmStateChange(
            alarmName: name,
            alarmDescription: description,
            accountID: "123456789012",
            regionCode: region,
            configurationUpdatedAt: configurationUpdatedAt,
            oldState: old,
            newState: new,
            reason: reason,
            stateChangedAt: stateChangedAt,
            alarmActions: ["arn:aws:sns:us-east-1:123456789012:pager"],
            trigger: MetricAlarmTrigger(
                metricName: "CPUUtilization", namespace: "AWS/EC2", statistic: statistic, unit: unit,
                dimensions: [MetricDimension("InstanceId", "i-0123456789abcdef0")], configuration: configuration
            ),
            context: context
        )
    }

    /// Keys of a JSON object in the order they appear in the text (JSONSerialization loses it).
    static func topLevelKeys(_ json: String, of object: String? = nil) -> [String] {
        // Just inside the object's opening brace.
        var text = json.dropFirst()
        if let object, let start = json.range(of: "\"\(object)\":{") { text = json[start.upperBound...] }
        var keys: [String] = []
        var depth = 0
        var index = text.startIndex
        var expectingKey = true
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" {
                var end = text.index(after: index)
                while text[end] != "\"" { end = text.index(after: text[end] == "\\" ? text.index(after: end) : end) }
                if depth == 0 && expectingKey { keys.append(String(text[text.index(after: index)..<end])) }
                expectingKey = false
                index = text.index(after: end)
                continue
            }
            if c == "{" || c == "[" { depth += 1 }
            if c == "}" || c == "]" { if depth == 0 { break }; depth -= 1 }
            if c == "," && depth == 0 { expectingKey = true }
            index = text.index(after: index)
        }
        return keys
    }
}

/// Groups the notification suites, so that `swift test --filter Notification` runs them all.
@Suite enum NotificationTests {}
