/// A rule's condition in one line, for the catalog overview and `alarms status`:
/// `Sum query/failed/count {Service=druid/broker} > 5 for 3 of 5 × 5m, missing: notBreaching`.
public enum AlarmConditionText {
    public static func describe(_ definition: AlarmRuleDefinition) -> String {
        switch definition.kind {
        case let .composite(composite):
            var text = composite.text
            if let suppressor = composite.suppressor {
                text += " (suppressed by \(suppressor.alarm.alarmName))"
            }
            return text
        case let .metric(rule):
            let configuration = rule.configuration
            let period = duration(configuration.periodSeconds)
            if rule.isDeadMan, let metric = rule.metrics.first {
                return "no \(metric.metricName) for \(duration(configuration.periodSeconds * configuration.evaluationPeriods))" + groupText(rule)
            }
            let subject: String
            if let expression = rule.expression {
                subject = expression.description + " where " + rule.metrics.map { "\($0.id) = \(metricText($0))" }.joined(separator: ", ")
            } else {
                subject = rule.metrics.first.map(metricText) ?? ""
            }
            let symbol = switch configuration.comparison {
            case .greaterThanThreshold: ">"
            case .greaterThanOrEqualToThreshold: ">="
            case .lessThanThreshold: "<"
            case .lessThanOrEqualToThreshold: "<="
            }
            return "\(subject)\(groupText(rule)) \(symbol) \(CloudWatchNumberText.format(configuration.threshold)) "
                + "for \(configuration.datapointsToAlarm) of \(configuration.evaluationPeriods) × \(period), missing: \(configuration.treatMissingData.rawValue)"
        }
    }

    private static func metricText(_ metric: RuleMetricQuery) -> String {
        let fixed = metric.dimensions.filter { $0.value != nil && $0.name != "Cluster" }
        let dimensions = fixed.isEmpty ? "" : " {" + fixed.map { "\($0.name)=\($0.value ?? "*")" }.joined(separator: ", ") + "}"
        return "\(metric.statistic.name) \(metric.metricName)\(dimensions)"
    }

    private static func groupText(_ rule: MetricRule) -> String {
        rule.groupBy.isEmpty ? "" : " per " + rule.groupBy.joined(separator: ", ")
    }

    static func duration(_ seconds: Int) -> String {
        if seconds % 86_400 == 0 { return "\(seconds / 86_400)d" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
