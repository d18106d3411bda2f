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
        (PageTopicArn, TicketTopicArn). Every rule left out is listed with its reason.
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

    func run() throws {
        let rules = try loadAlarmRules(options, command: "alarms export", checkRunbooks: false)
        let template = CloudFormationAlarmTemplate(rules: rules, options: .init(
            runbookBaseURL: runbookBaseURL,
            description: "druidwatch alarms for Druid cluster \(options.cluster), exported from \(options.rules)"
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
