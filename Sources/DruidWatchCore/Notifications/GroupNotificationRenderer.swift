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

    /// The ARN CloudWatch would give the rule's alarm.
    public func alarmARN(_ name: String) -> String {
        "arn:aws:cloudwatch:\(regionCode):\(accountID):alarm:\(name)"
    }

    /// `childStates`: for a composite, each child rule's current state and since when
    /// (the evaluator's rule history); the ones matching the rule's functions are listed
    /// as its triggering children.
    public func stateChange(_ notification: GroupNotification, rule: AlarmRuleDefinition, childStates: [String: AlarmStateChange] = [:]) -> MetricAlarmStateChange {
        let listed = notification.state == .ok ? notification.resolved : notification.firing
        let lead = listed.first
        var reason = lead?.reason ?? "The alarm's series are no longer \(notification.state == .ok ? "in ALARM" : "reporting")."
        if listed.count > 1 { reason += " (and \(listed.count - 1) more series)" }
        // CloudWatch's OldStateValue: what the alarm left, INSUFFICIENT_DATA for an
        // alarm that fires on its first data.
        let oldState: AlarmState = switch notification.reason {
        case .firing: lead?.enteredFrom.flatMap { $0 == .alarm ? nil : $0 } ?? .ok
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
            composite: rule.compositeRule.map { composite in
                CompositeAlarmDetails(alarmRule: composite.text, triggeringChildren: composite.rule.children.compactMap { child in
                    childStates[child.alarmName].map { .init(arn: alarmARN(child.alarmName), state: $0.state, timestamp: $0.time) }
                }.filter { $0.state == .alarm || notification.state != .alarm })
            },
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
    /// the group's when the message is about one group; a math rule's metrics and
    /// expression as `Metrics`. A composite has no trigger (its JSON carries `AlarmRule`).
    private func trigger(_ rule: AlarmRuleDefinition, single: AlarmInstanceStatus?) -> MetricAlarmTrigger {
        guard let metricRule = rule.metricRule, let metric = metricRule.metrics.first else {
            return MetricAlarmTrigger(metricName: "", namespace: "", statistic: .maximum, configuration: Self.compositePlaceholder)
        }
        func dimensions(_ query: RuleMetricQuery) -> [MetricDimension] {
            var dimensions = query.fixedDimensions
            if let single { dimensions += single.key.group.filter { group in !dimensions.contains { $0.name == group.name } } }
            return dimensions
        }
        var math: [TriggerMetricQuery] = []
        if let expression = metricRule.expression {
            math = metricRule.metrics.map { query in
                TriggerMetricQuery(
                    id: query.id, returnData: false,
                    metric: MetricIdentity(namespace: query.namespace, metricName: query.metricName, dimensions: dimensions(query)),
                    periodSeconds: metricRule.periodSeconds, stat: query.statistic.stat
                )
            } + [TriggerMetricQuery(id: "expression", expression: expression.description, label: rule.name, returnData: true)]
        }
        return MetricAlarmTrigger(
            metricName: metric.metricName,
            namespace: metric.namespace,
            statistic: metric.statistic,
            unit: metric.unit?.rawValue,
            dimensions: dimensions(metric),
            configuration: metricRule.configuration,
            mathMetrics: math
        )
    }

    /// The judging fields a composite's (unused) trigger holds: valid by construction.
    private static let compositePlaceholder: MetricAlarmConfiguration = {
        do {
            return try MetricAlarmConfiguration(periodSeconds: 60, evaluationPeriods: 1, threshold: 0, comparison: .greaterThanThreshold)
        } catch {
            preconditionFailure("a 60 s, 1-period configuration is valid: \(error)")
        }
    }()
}
