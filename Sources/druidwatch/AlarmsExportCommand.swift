import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Writes the rules a native CloudWatch alarm can express as a CloudFormation template;
/// the others are named on standard error (and in the template's Metadata) with the reason.
struct AlarmsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the rules that native CloudWatch alarms can express as a CloudFormation template.",
        discussion: """
        Single-metric and metric-math rules over fixed dimensions (no "*", no group_by) \
        become AWS::CloudWatch::Alarm resources, composites over exported rules \
        AWS::CloudWatch::CompositeAlarm; the SNS topic of each severity is a parameter \
        (PageTopicArn, TicketTopicArn). Every rule left out is listed with its reason. \
        With --log-metric-filters, AWS::Logs::MetricFilter resources over the agent's log \
        groups are added: ERROR and FATAL lines per service (druid/log/<service>/errors) \
        and Druid alerts by service and severity (druid/log/alerts).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case cloudformation
    }

    @Option(help: "The output format.")
    var format: Format = .cloudformation

    @OptionGroup var options: AlarmRuleOptions

    @Option(help: "Prefixed to each rule's runbook file name in AlarmDescription.")
    var runbookBaseURL = EvaluatorConfig().runbookBaseURL

    @Option(help: "Write the template here instead of standard output.")
    var output: String?

    @Flag(help: "Also add metric filters over the agent's log groups (the groups must exist when the stack is created).")
    var logMetricFilters = false

    @Option(help: "The services whose log groups get an ERROR filter (comma-separated).")
    var logServices = "coordinator,overlord,historical,middleManager,broker,router"

    @Option(help: "The agent's logs.group.")
    var logGroup = LogsConfig().group

    @Option(help: "The agent's logs.alerts.group; empty for no alert filters.")
    var alertsLogGroup = LogsConfig().alerts.group

    func validate() throws {
        guard logMetricFilters else { return }
        do {
            _ = try LogNameTemplate(logGroup, kind: .group)
            if !alertsLogGroup.isEmpty { _ = try LogNameTemplate(alertsLogGroup, kind: .group) }
        } catch {
            throw ValidationError("--log-group / --alerts-log-group: \(error.description)")
        }
    }

    func run() throws {
        let rules = try loadAlarmRules(options, command: "alarms export", checkRunbooks: false)
        var filters: CloudFormationLogMetricFilters?
        if logMetricFilters, let groupTemplate = try? LogNameTemplate(logGroup, kind: .group) {
            filters = CloudFormationLogMetricFilters(
                namespace: options.namespace, cluster: options.cluster,
                services: logServices.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                groupTemplate: groupTemplate, alertsTemplate: alertsLogGroup.isEmpty ? nil : try? LogNameTemplate(alertsLogGroup, kind: .group)
            )
        }
        let template = CloudFormationAlarmTemplate(rules: rules, options: .init(
            runbookBaseURL: runbookBaseURL,
            description: "druidwatch alarms for Druid cluster \(options.cluster), exported from \(options.rules)",
            logMetricFilters: filters
        ))
        for rule in template.skipped {
            printToStandardError("skipped \(rule)")
        }
        guard !template.exported.isEmpty else {
            printToStandardError("druidwatch alarms export: none of the \(rules.rules.count) rules can be a native CloudWatch alarm; no template written")
            throw ExitCode.failure
        }
        let summary = "\(template.exported.count) of \(rules.rules.count) rules exported, \(template.skipped.count) skipped"
        guard let output else {
            print(template.text, terminator: "")
            printToStandardError(summary)
            return
        }
        do {
            try Data(template.text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printToStandardError("druidwatch alarms export: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        printToStandardError("\(output): \(summary)")
    }
}
