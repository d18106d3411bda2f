/// One rule of `alarms/*.yaml`: a CloudWatch-style alarm that fans out to one state per
/// series group, or a composite over other rules. Built by the rule file loader, which
/// has already checked every PutMetricAlarm constraint.
public struct AlarmRuleDefinition: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case metric(MetricRule)
        case composite(CompositeRule)
    }

    /// The AlarmName: unique across the rule set.
    public var name: String
    /// The component (`query`, `ingestion`): the file's `group`.
    public var group: String
    public var description: String?
    /// `page` or `ticket` in the shipped catalog; routes to SNS topics.
    public var severity: String
    public var labels: [String: String]
    public var kind: Kind
    /// The runbook's file name under `alarms/runbooks/`.
    public var runbook: String
    /// A dashboard of `dashboards/` (name without `.json`).
    public var dashboard: String?
    /// Where the rule was written, for messages: `alarms/query.yaml:12`.
    public var location: String

    public init(
        name: String, group: String, description: String? = nil, severity: String, labels: [String: String] = [:],
        kind: Kind, runbook: String? = nil, dashboard: String? = nil, location: String = ""
    ) {
        self.name = name
        self.group = group
        self.description = description
        self.severity = severity
        self.labels = labels
        self.kind = kind
        self.runbook = runbook ?? "\(name).md"
        self.dashboard = dashboard
        self.location = location
    }

    public var metricRule: MetricRule? {
        if case let .metric(rule) = kind { return rule }
        return nil
    }

    public var compositeRule: CompositeRule? {
        if case let .composite(rule) = kind { return rule }
        return nil
    }

    /// The labels a silence matches: the rule's own, plus `alarm`, `severity` and `group`.
    public var matchLabels: [String: String] {
        labels.merging(["alarm": name, "severity": severity, "group": group]) { _, fixed in fixed }
    }
}

/// A composite rule: CloudWatch's `AlarmRule` over other rules, and an optional suppressor.
public struct CompositeRule: Sendable, Hashable {
    public var rule: AlarmRule
    public var text: String
    public var suppressor: ActionsSuppressor?

    public init(rule: AlarmRule, text: String, suppressor: ActionsSuppressor? = nil) {
        self.rule = rule
        self.text = text
        self.suppressor = suppressor
    }
}
