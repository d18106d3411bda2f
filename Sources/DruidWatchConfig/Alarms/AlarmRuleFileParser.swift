import DruidWatchCore
import Foundation

/// Reads one rule file (`alarms/<group>.yaml`, format in docs/alarm-rules.md) into rule
/// definitions, checking each field against what PutMetricAlarm accepts. Every problem
/// is reported with its line; one bad rule never hides the others.
public enum AlarmRuleFileParser {
    static let ruleKeys = [
        "name", "description", "severity", "labels", "metric", "metrics", "expression", "group_by", "across",
        "period", "evaluation_periods", "datapoints_to_alarm", "comparison", "threshold", "missing_data",
        "runbook", "dashboard", "composite", "actions_suppressor", "deadman", "forget_after",
    ]
    static let defaultKeys = ["namespace", "dimensions", "labels", "severity", "period", "missing_data", "forget_after"]
    static let metricKeys = ["namespace", "name", "statistic", "unit", "dimensions"]
    static let comparisonSymbols: [String: ComparisonOperator] = [
        ">": .greaterThanThreshold, ">=": .greaterThanOrEqualToThreshold, "<": .lessThanThreshold, "<=": .lessThanOrEqualToThreshold,
    ]
    /// PutMetricAlarm's limits.
    static let maximumNameLength = 255
    static let maximumDescriptionLength = 1024
    static let maximumDimensions = 30
    static let maximumMathMetrics = 10

    public struct Located: Sendable {
        public var rule: AlarmRuleDefinition
        public var file: String
        public var line: Int
    }

    public static func parse(yaml: String, file: String, variables: AlarmRuleVariables = AlarmRuleVariables()) -> (rules: [Located], issues: [ConfigIssue]) {
        let reader = ConfigReader(file: file)
        var rules: [Located] = []
        if let document = reader.document(yaml), let top = document.mapping(allowed: ["group", "defaults", "rules"]) {
            let fileGroup = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let group = top["group"]?.string() ?? fileGroup
            let defaults = top["defaults"].map { readDefaults($0, variables: variables) } ?? Defaults(namespace: variables.namespace)
            if let list = top["rules"]?.list() {
                for node in list {
                    if let rule = readRule(node, group: group, defaults: defaults, variables: variables, file: file) {
                        rules.append(Located(rule: rule, file: file, line: node.line))
                    }
                }
            } else if top["rules"] == nil {
                document.report("a rule file needs `rules:`, a list of rules")
            }
        }
        return (rules, reader.issues)
    }

    struct Defaults {
        var namespace: String
        var dimensions: [DimensionMatcher] = []
        var labels: [String: String] = [:]
        var severity: String?
        var period: Int?
        var missingData: TreatMissingData?
        var forgetAfter: Int?
    }

    private static func readDefaults(_ node: ConfigNode, variables: AlarmRuleVariables) -> Defaults {
        var defaults = Defaults(namespace: variables.namespace)
        guard let mapping = node.mapping(allowed: defaultKeys) else { return defaults }
        if let value = mapping["namespace"]?.string() { defaults.namespace = variables.substitute(value) }
        if let node = mapping["dimensions"] { defaults.dimensions = readDimensions(node, variables: variables) }
        if let node = mapping["labels"] { defaults.labels = readLabels(node) }
        defaults.severity = mapping["severity"]?.string()
        defaults.period = mapping["period"].flatMap(readPeriod)
        defaults.missingData = mapping["missing_data"]?.oneOf(TreatMissingData.allCases.map(\.rawValue)).flatMap(TreatMissingData.init(rawValue:))
        defaults.forgetAfter = mapping["forget_after"]?.wholeSeconds()
        return defaults
    }

    private static func readRule(_ node: ConfigNode, group: String, defaults: Defaults, variables: AlarmRuleVariables, file: String) -> AlarmRuleDefinition? {
        guard let mapping = node.mapping(allowed: ruleKeys) else { return nil }
        let issuesBefore = node.reader.issues.count
        guard let nameNode = mapping["name"] else {
            node.report("every rule needs a `name` (its AlarmName)")
            return nil
        }
        let name = nameNode.string() ?? ""
        if name.isEmpty || name.count > maximumNameLength {
            nameNode.report("must be 1 to \(maximumNameLength) characters (CloudWatch AlarmName)")
        } else if name.contains(where: { $0.isNewline || $0 == "\"" }) {
            nameNode.report("must not contain line breaks or double quotes (composite rules could not name it)")
        }
        let description = mapping["description"]?.string()
        if let description, description.count > maximumDescriptionLength {
            mapping["description"]?.report("must be at most \(maximumDescriptionLength) characters (CloudWatch AlarmDescription)")
        }
        let severity = mapping["severity"]?.string() ?? defaults.severity
        if severity == nil { node.report("every rule needs a `severity` (page or ticket), here or in `defaults`") }
        if let value = severity, value.isEmpty { mapping["severity"]?.report("must not be empty") }
        var labels = defaults.labels
        if let labelsNode = mapping["labels"] { labels.merge(readLabels(labelsNode)) { _, own in own } }
        let runbook = mapping["runbook"]?.string()
        if let runbook, runbook.contains("/") || !runbook.hasSuffix(".md") {
            mapping["runbook"]?.report("must be a file name under alarms/runbooks/, ending in .md")
        }
        let dashboard = mapping["dashboard"]?.string()

        let kinds = ["metric", "metrics", "composite", "deadman"].filter { mapping[$0] != nil }
        guard kinds.count == 1 || (kinds == ["metrics"] && mapping["expression"] != nil) else {
            node.report(kinds.isEmpty
                ? "a rule needs one of `metric`, `metrics` with `expression`, `composite` or `deadman`"
                : "a rule takes only one of `metric`, `metrics`, `composite` and `deadman`; found \(kinds.joined(separator: ", "))")
            return nil
        }
        let kind: AlarmRuleDefinition.Kind?
        if let composite = mapping["composite"] {
            kind = readComposite(composite, mapping: mapping)
        } else {
            kind = readMetricRule(mapping, defaults: defaults, variables: variables).map { .metric($0) }
        }
        guard let kind, node.reader.issues.count == issuesBefore, let severity else { return nil }
        return AlarmRuleDefinition(
            name: name, group: group, description: description, severity: severity, labels: labels, kind: kind,
            runbook: runbook, dashboard: dashboard, location: "\(file):\(node.line)"
        )
    }

    private static func readComposite(_ node: ConfigNode, mapping: ConfigMapping) -> AlarmRuleDefinition.Kind? {
        for key in ["group_by", "across", "period", "evaluation_periods", "datapoints_to_alarm", "comparison", "threshold", "missing_data", "expression", "forget_after"] {
            mapping[key]?.report("a composite rule takes no `\(key)`")
        }
        guard let text = node.string() else { return nil }
        let rule: AlarmRule
        do {
            rule = try AlarmRule.parse(text)
        } catch {
            node.report("\(error)")
            return nil
        }
        var suppressor: ActionsSuppressor?
        if let suppressorNode = mapping["actions_suppressor"], let fields = suppressorNode.mapping(allowed: ["alarm", "wait_period", "extension_period"]) {
            guard let alarm = fields["alarm"]?.string(), let wait = fields["wait_period"]?.wholeSeconds(),
                  let extensionPeriod = fields["extension_period"]?.wholeSeconds() else {
                suppressorNode.report("needs `alarm`, `wait_period` and `extension_period` (CloudWatch requires both periods; 60s is AWS's recommendation)")
                return nil
            }
            do {
                suppressor = try ActionsSuppressor(alarm: AlarmReference(alarm), waitPeriodSeconds: wait, extensionPeriodSeconds: extensionPeriod)
            } catch {
                suppressorNode.report("\(error)")
                return nil
            }
        }
        return .composite(CompositeRule(rule: rule, text: text, suppressor: suppressor))
    }

    private static func readMetricRule(_ mapping: ConfigMapping, defaults: Defaults, variables: AlarmRuleVariables) -> MetricRule? {
        var metrics: [RuleMetricQuery] = []
        var expression: MetricExpression?
        var isDeadMan = false
        var period = mapping["period"].flatMap(readPeriod) ?? defaults.period
        var evaluationPeriods = mapping["evaluation_periods"]?.integer()
        var datapointsToAlarm = mapping["datapoints_to_alarm"]?.integer()
        var threshold = mapping["threshold"]?.number()
        var comparison = mapping["comparison"].flatMap(readComparison)
        var missing = mapping["missing_data"]?.oneOf(TreatMissingData.allCases.map(\.rawValue)).flatMap(TreatMissingData.init(rawValue:))
            ?? defaults.missingData ?? .missing

        if let node = mapping["metric"] {
            if let metric = readMetric(node, id: "m1", defaults: defaults, variables: variables) { metrics = [metric] }
            if let expressionNode = mapping["expression"] { expressionNode.report("`expression` goes with `metrics` (a map of ids to metrics), not `metric`") }
        } else if let node = mapping["metrics"], let entries = node.freeMapping() {
            if entries.count > maximumMathMetrics { node.report("at most \(maximumMathMetrics) metrics in a math rule (CloudWatch's limit)") }
            for (id, child) in entries {
                if !isValidID(id) { child.report("metric id '\(id)' must start with a lower-case letter and hold only letters, digits and underscores (at most 255)") }
                if let metric = readMetric(child, id: id, defaults: defaults, variables: variables) { metrics.append(metric) }
            }
            if let expressionNode = mapping["expression"], let text = expressionNode.string() {
                do {
                    let parsed = try MetricExpression.parse(text)
                    let known = Set(metrics.map(\.id))
                    for id in parsed.metricIDs where !known.contains(id) { expressionNode.report("the expression reads '\(id)', which `metrics` does not define") }
                    for id in metrics.map(\.id) where !parsed.metricIDs.contains(id) { node.report("metric '\(id)' is not used by the expression") }
                    expression = parsed
                } catch {
                    expressionNode.report("\(error)")
                }
            } else if mapping["expression"] == nil {
                node.report("`metrics` needs an `expression` over their ids")
            }
        } else if let node = mapping["deadman"], let fields = node.mapping(allowed: ["metric", "silent_for"]) {
            isDeadMan = true
            if let metricNode = fields["metric"], var metric = readMetric(metricNode, id: "m1", defaults: defaults, variables: variables, statisticRequired: false) {
                metric.statistic = .sampleCount
                metrics = [metric]
            } else if fields["metric"] == nil {
                node.report("a dead-man rule needs `metric`")
            }
            let silentFor = fields["silent_for"]?.wholeSeconds() ?? 300
            for key in ["period", "evaluation_periods", "datapoints_to_alarm", "threshold", "comparison", "missing_data"] {
                mapping[key]?.report("a dead-man rule sets `\(key)` itself (SampleCount < 1 for `silent_for`, missing data breaching)")
            }
            if silentFor < 60 || silentFor % 60 != 0 {
                fields["silent_for"]?.report("must be a whole number of minutes, at least 1m")
            }
            period = 60
            evaluationPeriods = max(1, silentFor / 60)
            datapointsToAlarm = nil
            threshold = 1
            comparison = .lessThanThreshold
            missing = .breaching
        }

        let groupBy = mapping["group_by"]?.stringList() ?? []
        if let node = mapping["group_by"] {
            for name in groupBy {
                for metric in metrics where !metric.dimensions.contains(where: { $0.name == name }) {
                    node.report("'\(name)' must be one of the dimensions of metric '\(metric.id)' (usually with \"*\")")
                }
            }
            if Set(groupBy).count != groupBy.count { node.report("names a dimension twice") }
        }
        let across = mapping["across"]?.oneOf(SeriesCombination.allCases.map(\.rawValue)).flatMap(SeriesCombination.init(rawValue:)) ?? .maximum
        let forgetAfter = mapping["forget_after"]?.wholeSeconds() ?? defaults.forgetAfter ?? 86_400

        guard let period else { mapping.node.report("needs `period`, here or in `defaults`"); return nil }
        guard let evaluationPeriods else { mapping.node.report("needs `evaluation_periods`"); return nil }
        guard let threshold else { mapping.node.report("needs `threshold`"); return nil }
        guard let comparison else {
            if mapping["comparison"] == nil { mapping.node.report("needs `comparison`") }
            return nil
        }
        guard !metrics.isEmpty else { return nil }
        do {
            let configuration = try MetricAlarmConfiguration(
                periodSeconds: period, evaluationPeriods: evaluationPeriods, datapointsToAlarm: datapointsToAlarm,
                threshold: threshold, comparison: comparison, treatMissingData: missing
            )
            return MetricRule(
                metrics: metrics, expression: expression, groupBy: groupBy, across: across, configuration: configuration,
                isDeadMan: isDeadMan, forgetAfterSeconds: forgetAfter
            )
        } catch {
            (mapping["datapoints_to_alarm"] ?? mapping["evaluation_periods"] ?? mapping["period"] ?? mapping.node).report("\(error)")
            return nil
        }
    }

    private static func readMetric(_ node: ConfigNode, id: String, defaults: Defaults, variables: AlarmRuleVariables, statisticRequired: Bool = true) -> RuleMetricQuery? {
        guard let fields = node.mapping(allowed: metricKeys) else { return nil }
        let namespace = fields["namespace"]?.string().map(variables.substitute) ?? defaults.namespace
        if namespace.isEmpty || namespace.count > 255 || namespace.hasPrefix(":") {
            (fields["namespace"] ?? node).report("namespace must be 1 to 255 characters, not starting with ':'")
        }
        guard let name = fields["name"]?.string() else {
            if fields["name"] == nil { node.report("a metric needs `name`") }
            return nil
        }
        if name.isEmpty || name.count > 255 { fields["name"]?.report("must be 1 to 255 characters") }
        var statistic = AlarmStatistic.sampleCount
        if !statisticRequired, let statisticNode = fields["statistic"] {
            statisticNode.report("a dead-man rule always counts samples (SampleCount); remove `statistic`")
        } else if let statisticNode = fields["statistic"], let text = statisticNode.string() {
            if let parsed = AlarmStatistic(parsing: text) {
                statistic = parsed
            } else {
                statisticNode.report("'\(text)' is not a CloudWatch statistic: SampleCount, Average, Sum, Minimum, Maximum, or pNN, pNN.NN, tmNN, tcNN, tsNN, wmNN, IQM")
            }
        } else if statisticRequired, fields["statistic"] == nil {
            node.report("a metric needs `statistic`")
        }
        var unit: MetricUnit?
        if let unitNode = fields["unit"], let text = unitNode.string() {
            unit = MetricUnit(rawValue: text)
            if unit == nil { unitNode.report("'\(text)' is not a CloudWatch unit (Seconds, Milliseconds, Bytes, Percent, Count, ...)") }
        }
        var dimensions = fields["dimensions"].map { readDimensions($0, variables: variables) } ?? []
        // The file's default dimensions belong to its own namespace (the agent's series),
        // never to AWS service metrics such as AWS/RDS.
        if namespace == defaults.namespace {
            for matcher in defaults.dimensions where !dimensions.contains(where: { $0.name == matcher.name }) {
                dimensions.insert(matcher, at: 0)
            }
        }
        if dimensions.count > maximumDimensions { node.report("at most \(maximumDimensions) dimensions per metric (CloudWatch's limit)") }
        return RuleMetricQuery(id: id, namespace: namespace, metricName: name, statistic: statistic, unit: unit, dimensions: dimensions)
    }

    private static func readDimensions(_ node: ConfigNode, variables: AlarmRuleVariables) -> [DimensionMatcher] {
        guard let pairs = node.stringPairs() else { return [] }
        var matchers: [DimensionMatcher] = []
        for (name, value, child) in pairs {
            if name.isEmpty || name.count > 255 || name.hasPrefix(":") { child.report("dimension names are 1 to 255 characters, not starting with ':'") }
            let substituted = variables.substitute(value)
            if substituted.isEmpty || substituted.count > 1024 { child.report("dimension values are 1 to 1024 characters") }
            matchers.append(DimensionMatcher(name: name, value: substituted == "*" ? nil : substituted))
        }
        return matchers
    }

    private static func readLabels(_ node: ConfigNode) -> [String: String] {
        guard let pairs = node.stringPairs() else { return [:] }
        var labels: [String: String] = [:]
        for (name, value, child) in pairs {
            if ["alarm", "severity", "group"].contains(name) {
                child.report("'\(name)' is set by druidwatch itself (the rule's name, severity and group)")
            } else if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                child.report("label names are letters, digits and underscores")
            } else {
                labels[name] = value
            }
        }
        return labels
    }

    private static func readPeriod(_ node: ConfigNode) -> Int? {
        guard let seconds = node.wholeSeconds() else { return nil }
        guard [10, 20, 30].contains(seconds) || (seconds > 0 && seconds % 60 == 0) else {
            node.report("must be 10s, 20s, 30s or a multiple of 60s (CloudWatch alarm periods)")
            return nil
        }
        return seconds
    }

    private static func readComparison(_ node: ConfigNode) -> ComparisonOperator? {
        guard let text = node.string() else { return nil }
        if let symbol = comparisonSymbols[text] { return symbol }
        if let named = ComparisonOperator(rawValue: text) { return named }
        node.report("expected >, >=, <, <= or one of \(ComparisonOperator.allCases.map(\.rawValue).joined(separator: ", "))")
        return nil
    }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.first, first.isLowercase, first.isASCII, id.count <= 255 else { return false }
        return id.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" }
    }
}
