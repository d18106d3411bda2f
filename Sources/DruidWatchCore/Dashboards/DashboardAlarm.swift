/// An alarm rule as a dashboard shows it: listed with its condition and runbook on the
/// dashboard the rule names, and its threshold drawn on the graphs of its metric.
public struct DashboardAlarm: Sendable, Equatable {
    public var name: String
    public var severity: String
    public var condition: String
    public var runbookURL: String
    /// The dashboard (`query`, `hosts`, ...) the rule names; nil lists it on the overview.
    public var dashboard: String?

    public init(name: String, severity: String, condition: String, runbookURL: String, dashboard: String?) {
        self.name = name
        self.severity = severity
        self.condition = condition
        self.runbookURL = runbookURL
        self.dashboard = dashboard
    }

    /// The severities' colours for threshold lines: CloudWatch's alarm red for a page,
    /// its warning orange for a ticket.
    static func color(severity: String) -> String {
        severity == "page" ? "#d13212" : "#ff9900"
    }
}

extension DashboardParameters {
    /// These parameters with the rules' alarms: each one listed with its runbook
    /// (`runbookBaseURL` + the runbook's file name), and the threshold of every rule on
    /// one metric at a level statistic (Average, Minimum, Maximum, a percentile) drawn on
    /// the graphs of that metric. A Sum or SampleCount threshold depends on the rule's
    /// period and a math rule's on its expression, so neither is drawn on a per-minute
    /// graph of the raw metric.
    public func withAlarms(_ rules: AlarmRuleSet, runbookBaseURL: String) -> DashboardParameters {
        var parameters = self
        parameters.alarms = rules.rules.map { rule in
            DashboardAlarm(
                name: rule.name, severity: rule.severity, condition: AlarmConditionText.describe(rule),
                runbookURL: runbookBaseURL + rule.runbook, dashboard: rule.dashboard
            )
        }
        var thresholds = self.thresholds
        for rule in rules.rules {
            guard let metricRule = rule.metricRule, !metricRule.isDeadMan, metricRule.expression == nil,
                  metricRule.metrics.count == 1, let query = metricRule.metrics.first, query.namespace == namespace else { continue }
            switch query.statistic {
            case .average, .minimum, .maximum, .extended: break
            case .sum, .sampleCount: continue
            }
            thresholds[query.metricName, default: []].append(HorizontalAnnotation(
                value: metricRule.configuration.threshold, label: "\(rule.name) (\(rule.severity))", color: DashboardAlarm.color(severity: rule.severity)
            ))
        }
        parameters.thresholds = thresholds
        return parameters
    }
}
