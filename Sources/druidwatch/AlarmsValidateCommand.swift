import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Checks every rule file against PutMetricAlarm's constraints and the rules against each
/// other and their runbooks; prints every problem as `file:line: field: reason`.
struct AlarmsValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the rule files (PutMetricAlarm's constraints, composite rules, runbooks)."
    )

    @OptionGroup var options: AlarmRuleOptions

    func run() throws {
        let rules = try loadAlarmRules(options, command: "alarms validate")
        let composites = rules.rules.filter { $0.compositeRule != nil }.count
        let groups = Set(rules.rules.map(\.group)).count
        print("\(options.rules): \(rules.rules.count) rules in \(groups) groups (\(composites) composite), every one with its runbook: OK")
    }
}

/// The rule set of the options' directory, or the problems on standard error and exit 1.
func loadAlarmRules(_ options: AlarmRuleOptions, command: String, checkRunbooks: Bool = true) throws -> AlarmRuleSet {
    try loadAlarmRules(directory: options.rules, variables: AlarmRuleVariables(cluster: options.cluster, namespace: options.namespace), command: command, checkRunbooks: checkRunbooks)
}

func loadAlarmRules(directory: String, variables: AlarmRuleVariables, command: String, checkRunbooks: Bool = true, runbooks: String? = nil) throws -> AlarmRuleSet {
    do {
        return try AlarmRuleSetLoader.load(
            directory: URL(fileURLWithPath: directory),
            variables: variables,
            checkRunbooks: checkRunbooks,
            runbooks: runbooks.map { URL(fileURLWithPath: $0) }
        )
    } catch {
        printToStandardError(error.description)
        printToStandardError("druidwatch \(command): \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s") in the rules")
        throw ExitCode.failure
    }
}
