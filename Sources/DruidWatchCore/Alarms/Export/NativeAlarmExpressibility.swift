/// Whether a metric rule can be one native CloudWatch alarm (`AWS::CloudWatch::Alarm`):
/// a native alarm watches one series, or one metric-math expression over fixed series,
/// so a rule fanned out per group (`group_by`) or reading any value of a dimension
/// (`"*"`, combined with `across`) has no native equivalent.
enum NativeAlarmExpressibility {
    /// Why the rule cannot be a native alarm; nil when it can.
    static func obstacle(_ rule: MetricRule) -> String? {
        if !rule.groupBy.isEmpty {
            let groups = rule.groupBy.joined(separator: ", ")
            if rule.isDeadMan {
                return "dead-man rule over groups fanned out per \(groups): a native alarm watches one fixed series, "
                    + "and the groups are only known by listing the metrics"
            }
            return "fans out to one alarm state per \(groups) (group_by); a native alarm watches one fixed series"
        }
        for query in rule.metrics {
            let wildcards = query.dimensions.filter { $0.value == nil }.map(\.name)
            if !wildcards.isEmpty {
                let subject = rule.metrics.count == 1 ? "the metric" : "metric '\(query.id)'"
                return "\(subject) matches any value of \(wildcards.joined(separator: ", ")) (\"*\") and combines the series "
                    + "with across: \(rule.across.rawValue); a native alarm reads one series with exactly its dimensions"
            }
        }
        if let expression = rule.expression {
            do {
                _ = try CloudWatchMathText.render(expression)
            } catch {
                return error.reason
            }
        }
        return nil
    }
}
