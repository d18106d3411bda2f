import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Where the dashboards take their alarms from: each rule listed with its runbook on
/// the dashboard it names, and level thresholds drawn on its metric's graphs.
struct DashboardAlarmOptions: ParsableArguments {
    @Option(help: "The alarm rules directory (the repository's alarms/, or /usr/share/druidwatch/alarms when installed); \"none\" for dashboards without alarms.")
    var rules = "alarms"

    @Option(help: "Where the runbooks are published: a rule's runbook link is this followed by its runbook's file name.")
    var runbookBaseURL = EvaluatorConfig().runbookBaseURL

    /// `parameters` with the rules' alarms; unchanged for `--rules none`.
    func apply(to parameters: DashboardParameters, command: String) throws -> DashboardParameters {
        guard rules != "none" else { return parameters }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory), isDirectory.boolValue else {
            printToStandardError("druidwatch \(command): --rules \(rules): no such directory (give the alarm rules directory, or --rules none)")
            throw ExitCode.failure
        }
        let ruleSet = try loadAlarmRules(
            directory: rules, variables: AlarmRuleVariables(cluster: parameters.cluster, namespace: parameters.namespace), command: command
        )
        return parameters.withAlarms(ruleSet, runbookBaseURL: runbookBaseURL)
    }
}
