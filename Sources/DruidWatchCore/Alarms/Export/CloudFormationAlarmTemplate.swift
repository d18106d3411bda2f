/// A CloudFormation template (JSON) of native CloudWatch alarms for the rules a native
/// alarm can express, for accounts that want CloudWatch itself to evaluate what it can
/// (`druidwatch alarms export --format cloudformation`):
///
/// - a `<Severity>TopicArn` parameter per severity of the exported alarms (`PageTopicArn`,
///   `TicketTopicArn`): the SNS topic notified on ALARM and on OK;
/// - one `AWS::CloudWatch::Alarm` per metric rule whose metrics have fixed dimensions
///   only and no `group_by`: the single-metric form, or `Metrics` (MetricStat entries
///   with `ReturnData` false and the expression with `ReturnData` true) for a math rule;
/// - one `AWS::CloudWatch::CompositeAlarm` per composite rule whose children (and
///   actions suppressor) are all exported, its `AlarmRule` naming them and `DependsOn`
///   them.
///
/// Every other rule is listed in the template's `Metadata` (`druidwatch.Skipped`) with
/// the reason, and in `skipped`, so that nothing is left out silently.
public struct CloudFormationAlarmTemplate: Sendable {
    public struct Options: Sendable, Hashable {
        /// Prefixed to each rule's runbook file name in `AlarmDescription`; no link when nil.
        public var runbookBaseURL: String?
        /// The template's `Description`.
        public var description: String
        /// Metric filters over the agent's log groups, added to the alarms.
        public var logMetricFilters: CloudFormationLogMetricFilters?

        public init(
            runbookBaseURL: String? = nil, description: String = "CloudWatch alarms exported from druidwatch alarm rules",
            logMetricFilters: CloudFormationLogMetricFilters? = nil
        ) {
            self.runbookBaseURL = runbookBaseURL
            self.description = description
            self.logMetricFilters = logMetricFilters
        }
    }

    /// A rule left out of the template, and why.
    public struct SkippedRule: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var reason: String

        public var description: String { "\(name): \(reason)" }
    }

    /// The template, indented JSON ending in a newline.
    public let text: String
    /// The names of the exported rules, in the template's order.
    public let exported: [String]
    public let skipped: [SkippedRule]
    /// The parameter of each severity's topic (`page` ⇒ `PageTopicArn`).
    public let topicParameters: [String: String]

    /// What a native alarm reads differs from what the evaluator reads; said in the template.
    public static let readingNote = "A native alarm reads the one series whose dimensions are exactly the rule's fixed ones "
        + "(the agents' rollup to them, aggregation.rollups), where the evaluator combines every series carrying them with `across`."

    static let topicArnPattern = "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$"

    public init(rules: AlarmRuleSet, options: Options = Options()) {
        // Which rules become alarms: metric rules on their own, composites once all
        // their children and suppressor are in (repeated until nothing changes, so a
        // composite over a composite follows).
        var exportedNames = Set<String>()
        var reasons: [String: String] = [:]
        for definition in rules.rules {
            guard let metric = definition.metricRule else { continue }
            if let obstacle = NativeAlarmExpressibility.obstacle(metric) { reasons[definition.name] = obstacle } else { exportedNames.insert(definition.name) }
        }
        var changed = true
        while changed {
            changed = false
            for definition in rules.rules {
                guard let composite = definition.compositeRule, !exportedNames.contains(definition.name), reasons[definition.name] == nil else { continue }
                let references = composite.rule.children + (composite.suppressor.map { [$0.alarm] } ?? [])
                let inSet = references.map(\.alarmName).filter { rules.byName[$0] != nil }
                let missing = inSet.filter { reasons[$0] != nil }
                if !missing.isEmpty {
                    let suppressorName = composite.suppressor?.alarm.alarmName
                    let listed = missing.map { $0 == suppressorName ? "its actions suppressor \($0)" : $0 }
                    reasons[definition.name] = "refers to \(listed.joined(separator: ", ")), which \(missing.count == 1 ? "is" : "are") not exported"
                    changed = true
                } else if inSet.allSatisfy(exportedNames.contains) {
                    exportedNames.insert(definition.name)
                    changed = true
                }
            }
        }
        for definition in rules.rules where definition.compositeRule != nil && !exportedNames.contains(definition.name) && reasons[definition.name] == nil {
            reasons[definition.name] = "its children form a cycle"
        }
        let exportedRules = rules.rules.filter { exportedNames.contains($0.name) }

        // Parameters first, so that alarm ids keep clear of their names.
        var ids = CloudFormationLogicalIDs()
        var topicParameters: [String: String] = [:]
        for severity in Set(exportedRules.map(\.severity)).sorted() {
            topicParameters[severity] = ids.make(from: severity, suffix: "TopicArn")
        }
        var resourceIDs: [String: String] = [:]
        for definition in exportedRules {
            resourceIDs[definition.name] = ids.make(from: definition.name, suffix: "Alarm")
        }

        var json = OrderedJSONWriter()
        json.beginObject()
        json.string("AWSTemplateFormatVersion", "2010-09-09")
        json.string("Description", String(options.description.prefix(1024)))

        json.beginObject("Metadata")
        json.beginObject("druidwatch")
        json.stringArray("Exported", exportedRules.map(\.name))
        json.beginArray("Skipped")
        let skipped = rules.rules.compactMap { definition in reasons[definition.name].map { SkippedRule(name: definition.name, reason: $0) } }
        for rule in skipped {
            json.beginObject()
            json.string("Alarm", rule.name)
            json.string("Reason", rule.reason)
            json.endObject()
        }
        json.endArray()
        json.string("Note", Self.readingNote)
        json.endObject()
        json.endObject()

        if !topicParameters.isEmpty {
            json.beginObject("Parameters")
            for (severity, parameter) in topicParameters.sorted(by: { $0.key < $1.key }) {
                json.beginObject(parameter)
                json.string("Type", "String")
                json.string("Description", "The SNS topic ARN the \(severity) alarms notify on ALARM and OK.")
                json.string("AllowedPattern", Self.topicArnPattern)
                json.string("ConstraintDescription", "an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>)")
                json.endObject()
            }
            json.endObject()
        }

        json.beginObject("Resources")
        for definition in exportedRules {
            guard let id = resourceIDs[definition.name], let topic = topicParameters[definition.severity] else { continue }
            json.beginObject(id)
            switch definition.kind {
            case let .metric(rule):
                json.string("Type", "AWS::CloudWatch::Alarm")
                json.beginObject("Properties")
                Self.writeCommon(definition, topic: topic, options: options, into: &json)
                Self.writeMetric(rule, name: definition.name, into: &json)
                json.endObject()
            case let .composite(composite):
                json.string("Type", "AWS::CloudWatch::CompositeAlarm")
                var dependencies: [String] = []
                for reference in composite.rule.children + (composite.suppressor.map { [$0.alarm] } ?? []) {
                    if let dependency = resourceIDs[reference.alarmName], !dependencies.contains(dependency) { dependencies.append(dependency) }
                }
                if !dependencies.isEmpty { json.stringArray("DependsOn", dependencies) }
                json.beginObject("Properties")
                Self.writeCommon(definition, topic: topic, options: options, into: &json)
                json.string("AlarmRule", CompositeAlarmRuleText.render(composite.rule))
                if let suppressor = composite.suppressor {
                    json.string("ActionsSuppressor", rules.byName[suppressor.alarm.alarmName] != nil ? suppressor.alarm.alarmName : suppressor.alarm.text)
                    json.number("ActionsSuppressorWaitPeriod", suppressor.waitPeriodSeconds)
                    json.number("ActionsSuppressorExtensionPeriod", suppressor.extensionPeriodSeconds)
                }
                json.endObject()
            }
            json.endObject()
        }
        options.logMetricFilters?.write(into: &json, ids: &ids)
        json.endObject()
        json.endObject()

        text = JSONIndentation.indent(json.text)
        exported = exportedRules.map(\.name)
        self.skipped = skipped
        self.topicParameters = topicParameters
    }

    /// `AlarmDescription`: the rule's description and its runbook link, within CloudWatch's
    /// 1024 characters (the description is shortened, never the link).
    public static func alarmDescription(_ definition: AlarmRuleDefinition, runbookBaseURL: String?) -> String {
        let link = runbookBaseURL.map { "Runbook: \($0)\(definition.runbook)" }
        let room = 1024 - (link.map { $0.count + 1 } ?? 0)
        var parts: [String] = []
        if let description = definition.description, !description.isEmpty {
            parts.append(description.count <= room ? description : String(description.prefix(max(0, room - 1))) + "…")
        }
        if let link { parts.append(link) }
        return String(parts.joined(separator: "\n").prefix(1024))
    }

    private static func writeCommon(_ definition: AlarmRuleDefinition, topic: String, options: Options, into json: inout OrderedJSONWriter) {
        json.string("AlarmName", definition.name)
        let description = alarmDescription(definition, runbookBaseURL: options.runbookBaseURL)
        if !description.isEmpty { json.string("AlarmDescription", description) }
        json.number("ActionsEnabled", literal: "true")
        for key in ["AlarmActions", "OKActions"] {
            json.beginArray(key)
            json.beginObject()
            json.string("Ref", topic)
            json.endObject()
            json.endArray()
        }
    }

    private static func writeMetric(_ rule: MetricRule, name: String, into json: inout OrderedJSONWriter) {
        let configuration = rule.configuration
        if let expression = rule.expression, let text = try? CloudWatchMathText.render(expression) {
            json.beginArray("Metrics")
            for query in rule.metrics {
                json.beginObject()
                json.string("Id", query.id)
                json.beginObject("MetricStat")
                json.beginObject("Metric")
                writeMetricIdentity(query, into: &json)
                json.endObject()
                json.number("Period", configuration.periodSeconds)
                json.string("Stat", query.statistic.stat)
                if let unit = query.unit { json.string("Unit", unit.rawValue) }
                json.endObject()
                json.number("ReturnData", literal: "false")
                json.endObject()
            }
            var expressionID = "expression"
            while rule.metrics.contains(where: { $0.id == expressionID }) { expressionID += "_" }
            json.beginObject()
            json.string("Id", expressionID)
            json.string("Expression", text)
            json.string("Label", name)
            json.number("ReturnData", literal: "true")
            json.endObject()
            json.endArray()
        } else if let query = rule.metrics.first {
            writeMetricIdentity(query, into: &json)
            if case .extended = query.statistic {
                json.string("ExtendedStatistic", query.statistic.name)
            } else {
                json.string("Statistic", query.statistic.name)
            }
            json.number("Period", configuration.periodSeconds)
            if let unit = query.unit { json.string("Unit", unit.rawValue) }
        }
        json.number("EvaluationPeriods", configuration.evaluationPeriods)
        json.number("DatapointsToAlarm", configuration.datapointsToAlarm)
        json.number("Threshold", literal: CloudWatchMathText.number(configuration.threshold))
        json.string("ComparisonOperator", configuration.comparison.rawValue)
        json.string("TreatMissingData", configuration.treatMissingData.rawValue)
    }

    private static func writeMetricIdentity(_ query: RuleMetricQuery, into json: inout OrderedJSONWriter) {
        json.string("Namespace", query.namespace)
        json.string("MetricName", query.metricName)
        let dimensions = query.fixedDimensions
        if !dimensions.isEmpty {
            json.beginArray("Dimensions")
            for dimension in dimensions {
                json.beginObject()
                json.string("Name", dimension.name)
                json.string("Value", dimension.value)
                json.endObject()
            }
            json.endArray()
        }
    }
}
