import Foundation

/// Turns one dispatcher notification (one rule, its firing or recovered series) into
/// the state change CloudWatch would have published for it, plus druidwatch's context:
/// runbook and dashboard links, the affected series, how to silence.
public struct GroupNotificationRenderer: Sendable {
    public var accountID: String
    public var regionCode: String
    public var cluster: String
    /// `runbook_base_url`; the rule's runbook file name is appended.
    public var runbookBaseURL: String
    /// SNS topics by severity: the alarm's actions.
    public var topics: [String: [String]]
    public var sendResolved: Bool

    public init(accountID: String, regionCode: String, cluster: String, runbookBaseURL: String, topics: [String: [String]], sendResolved: Bool = true) {
        self.accountID = accountID
        self.regionCode = regionCode
        self.cluster = cluster
        self.runbookBaseURL = runbookBaseURL
        self.topics = topics
        self.sendResolved = sendResolved
    }

    public func runbookURL(_ rule: AlarmRuleDefinition) -> String {
        (runbookBaseURL.hasSuffix("/") ? runbookBaseURL : runbookBaseURL + "/") + rule.runbook
    }

    /// The CloudWatch console link to the rule's dashboard, three hours before the change
    /// to one hour after it.
    public func dashboardURL(_ rule: AlarmRuleDefinition, around time: Date) -> String? {
        guard let dashboard = rule.dashboard else { return nil }
        let name = DashboardParameters(cluster: cluster, region: regionCode).dashboardName(dashboard)
        let start = QueryFormEncoding.timestamp(time.addingTimeInterval(-3 * 3600))
        let end = QueryFormEncoding.timestamp(time.addingTimeInterval(3600))
        return "https://\(regionCode).console.aws.amazon.com/cloudwatch/home?region=\(regionCode)#dashboards:name=\(name);start=\(start);end=\(end)"
    }

    public func stateChange(_ notification: GroupNotification, rule: AlarmRuleDefinition) -> MetricAlarmStateChange {
        let listed = notification.state == .ok ? notification.resolved : notification.firing
        let lead = listed.first
        var reason = lead?.reason ?? "The alarm's series are no longer \(notification.state == .ok ? "in ALARM" : "reporting")."
        if listed.count > 1 { reason += " (and \(listed.count - 1) more series)" }
        let oldState: AlarmState = switch notification.reason {
        case .firing: .ok
        case .changed, .repeat, .resolved: .alarm
        }
        let actions = topics[rule.severity] ?? []
        let series = listed.map { status -> String in
            let group = status.key.group.isEmpty ? rule.name : status.key.group.map(\.description).joined(separator: ", ")
            return status.value.map { "\(group): \(CloudWatchNumberText.format($0))" } ?? group
        }
        var affected = series
        if notification.untrackedFiringCount > 0 { affected.append("and \(notification.untrackedFiringCount) more not tracked") }
        let context = AlarmNotificationContext(
            runbookURL: runbookURL(rule),
            dashboardURL: dashboardURL(rule, around: notification.stateChangedAt),
            severity: rule.severity,
            affectedSeries: affected,
            silenceCommand: "druidwatch silence add --match alarm=\(rule.name) --for 2h --comment \"<why>\""
        )
        return MetricAlarmStateChange(
            alarmName: rule.name,
            alarmDescription: description(rule),
            accountID: accountID,
            regionCode: regionCode,
            oldState: oldState,
            newState: notification.state,
            reason: reason,
            stateChangedAt: notification.stateChangedAt,
            okActions: sendResolved ? actions : [],
            alarmActions: actions,
            trigger: trigger(rule, single: listed.count == 1 ? lead : nil),
            context: context
        )
    }

    /// The description with the runbook link: CloudWatch carries no other free text into
    /// the alarm JSON, so pager integrations show the link only from here (reference §4).
    private func description(_ rule: AlarmRuleDefinition) -> String {
        let link = "Runbook: \(runbookURL(rule))"
        guard let text = rule.description, !text.isEmpty else { return String(link.prefix(1024)) }
        // The link is why the description is there: the text gives way, not the link.
        let room = 1024 - link.count - 1
        guard room > 0 else { return String(link.prefix(1024)) }
        let shortened = text.count <= room ? text : String(text.prefix(room - 1)) + "…"
        return shortened + "\n" + link
    }

    /// The alarm JSON's `Trigger`: the rule's (first) metric with its fixed dimensions, and
    /// the group's when the message is about one group. A composite has no metric; it is
    /// described by its rule in the description, and its trigger names no metric.
    private func trigger(_ rule: AlarmRuleDefinition, single: AlarmInstanceStatus?) -> MetricAlarmTrigger {
        guard let metricRule = rule.metricRule, let metric = metricRule.metrics.first else {
            // A composite has no period or threshold of its own; these are placeholders
            // for the JSON's shape and cannot fail validation.
            let configuration = try? MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 1, threshold: 0, comparison: .greaterThanThreshold)
            return MetricAlarmTrigger(metricName: "", namespace: "", statistic: .maximum, configuration: configuration!)
        }
        var dimensions = metric.fixedDimensions
        if let single { dimensions += single.key.group.filter { group in !dimensions.contains { $0.name == group.name } } }
        return MetricAlarmTrigger(
            metricName: metricRule.expression.map { "\($0)" } ?? metric.metricName,
            namespace: metric.namespace,
            statistic: metric.statistic,
            unit: metric.unit?.rawValue,
            dimensions: dimensions,
            configuration: metricRule.configuration
        )
    }
}
