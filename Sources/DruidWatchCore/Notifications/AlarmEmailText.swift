/// The `email` message: CloudWatch's own alarm e-mail text (reference §1.11, current
/// wording), so that people and mail filters used to CloudWatch's mails read ours the
/// same way, followed by what druidwatch adds: severity, runbook, dashboard, the
/// affected series and how to silence.
public enum AlarmEmailText {
    /// Labels are padded into fixed columns, as CloudWatch pads them.
    static let detailColumn = 30
    static let metricColumn = 39

    /// `seriesLimit` caps how many affected series are listed (the rest become "and N
    /// more"); nil lists all. The SNS message uses it to stay under its size limit.
    public static func render(_ change: MetricAlarmStateChange, seriesLimit: Int? = nil) -> String {
        let trigger = change.trigger
        let region = change.regionDisplayName
        let timestamp = NotificationTimestampText.email(change.stateChangedAt)
        var lines: [String] = []

        lines.append(
            "You are receiving this email because your Amazon CloudWatch Alarm \"\(change.alarmName)\" in the \(region) region "
                + "has transitioned to \(change.newState.rawValue) state on \(timestamp), because \"\(change.reason)\"."
        )
        lines.append("")
        lines.append("View this alarm in the AWS Management Console:")
        lines.append(consoleURL(change))
        lines.append("")
        lines.append("Alarm Details:")
        lines.append(detail("Name:", change.alarmName))
        lines.append(detail("Description:", change.alarmDescription ?? ""))
        lines.append(detail("State Change:", "\(change.oldState.rawValue) -> \(change.newState.rawValue)"))
        lines.append(detail("Reason for State Change:", change.reason))
        lines.append(detail("Timestamp:", timestamp))
        lines.append(detail("AWS Account:", change.accountID))
        lines.append(detail("Alarm Arn:", change.alarmARN))
        if let composite = change.composite {
            lines.append(detail("Alarm Rule:", composite.alarmRule))
            lines.append("")
            lines.append("Triggering children (max. 10):")
            for child in composite.triggeringChildren.prefix(10) {
                lines.append("- \(child.arn): \(child.state.rawValue) since \(NotificationTimestampText.email(child.timestamp))")
            }
        } else {
            lines += metricLines(trigger)
        }
        lines.append("")
        lines.append("")
        lines.append("State Change Actions:")
        lines.append(actions("OK", change.okActions))
        lines.append(actions("ALARM", change.alarmActions))
        lines.append(actions("INSUFFICIENT_DATA", change.insufficientDataActions))
        lines += druidwatchLines(change.context, seriesLimit: seriesLimit)
        return lines.joined(separator: "\n") + "\n"
    }

    /// A metric alarm's `Threshold:` and `Monitored Metric:` blocks.
    private static func metricLines(_ trigger: MetricAlarmTrigger) -> [String] {
        let configuration = trigger.configuration
        var lines = ["", "Threshold:", "- " + thresholdSentence(configuration), "", "Monitored Metric:"]
        if let expression = trigger.mathMetrics.first(where: \.returnData)?.expression {
            lines.append(metric("Expression:", expression))
        }
        lines.append(metric("MetricNamespace:", trigger.namespace))
        lines.append(metric("MetricName:", trigger.metricName))
        let dimensions = trigger.dimensions.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
        lines.append(metric("Dimensions:", trigger.dimensions.isEmpty ? "" : "[\(dimensions)]"))
        lines.append(metric("Period:", "\(configuration.periodSeconds) seconds"))
        lines.append(metric("Statistic:", trigger.statistic.name))
        lines.append(metric("Unit:", trigger.unit ?? "not specified"))
        lines.append(metric("TreatMissingData:", configuration.treatMissingData.rawValue))
        return lines
    }

    /// CloudWatch's console deep link to the alarm (the form observed since 2021).
    static func consoleURL(_ change: MetricAlarmStateChange) -> String {
        let region = QueryFormEncoding.escape(change.regionCode)
        return "https://\(region).console.aws.amazon.com/cloudwatch/deeplink.js?region=\(region)"
            + "#alarmsV2:alarm/\(QueryFormEncoding.escape(change.alarmName))"
    }

    /// For N = 1 the reference's wording (`… GreaterThanOrEqualToThreshold 2.0 for 300
    /// seconds.`); for N > 1 the wording of current CloudWatch mails, which alone says
    /// M and N (`… for at least 2 of the last 3 period(s) of 300 seconds.`).
    static func thresholdSentence(_ configuration: MetricAlarmConfiguration) -> String {
        let head = "The alarm is in the ALARM state when the metric is \(configuration.comparison.rawValue) "
            + CloudWatchNumberText.format(configuration.threshold)
        if configuration.evaluationPeriods == 1 {
            return head + " for \(configuration.periodSeconds) seconds."
        }
        return head + " for at least \(configuration.datapointsToAlarm) of the last \(configuration.evaluationPeriods)"
            + " period(s) of \(configuration.periodSeconds) seconds."
    }

    private static func druidwatchLines(_ context: AlarmNotificationContext, seriesLimit: Int?) -> [String] {
        var lines = ["", "", "druidwatch:"]
        if let severity = context.severity { lines.append(detail("Severity:", severity)) }
        if let runbook = context.runbookURL { lines.append(detail("Runbook:", runbook)) }
        if let dashboard = context.dashboardURL { lines.append(detail("Dashboard:", dashboard)) }
        let series = context.affectedSeries
        if !series.isEmpty {
            let shown = min(series.count, max(0, seriesLimit ?? series.count))
            lines.append(detail("Affected series:", "\(series.count)"))
            for name in series.prefix(shown) { lines.append("    " + indented(name, by: 4)) }
            if shown < series.count { lines.append("    and \(series.count - shown) more") }
        }
        if let silence = context.silenceCommand { lines.append(detail("Silence:", silence)) }
        return lines.count == 3 ? [] : lines
    }

    private static func detail(_ label: String, _ value: String) -> String {
        padded("- " + label, detailColumn) + indented(value, by: detailColumn)
    }

    private static func metric(_ label: String, _ value: String) -> String {
        padded("- " + label, metricColumn) + indented(value, by: metricColumn)
    }

    /// Arrays as CloudWatch prints them, Java's list text: `[a, b]`; nothing when empty.
    private static func actions(_ state: String, _ arns: [String]) -> String {
        arns.isEmpty ? "- \(state):" : "- \(state): [\(arns.joined(separator: ", "))]"
    }

    private static func padded(_ label: String, _ column: Int) -> String {
        label.count >= column ? label + " " : label + String(repeating: " ", count: column - label.count)
    }

    /// Continuation lines of a multi-line value start in the value's column, so that a
    /// description with line breaks cannot pass for a label of its own.
    private static func indented(_ value: String, by column: Int) -> String {
        guard value.contains(where: \.isNewline) else { return value }
        let indent = "\n" + String(repeating: " ", count: column)
        return value.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: indent)
    }
}
