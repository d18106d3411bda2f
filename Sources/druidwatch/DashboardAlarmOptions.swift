import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Where the dashboards take their alarms from: each rule listed with its runbook on
/// the dashboard it names, and level thresholds drawn on its metric's graphs.
struct DashboardAlarmOptions: ParsableArguments {
    @Option(help: "The alarm rules directory; by default ./alarms (the repository's catalog) when there is one, else /etc/druidwatch/alarms (the packages link it to the shipped catalog); \"none\" for dashboards without alarms.")
    var rules: String?

    @Option(help: "Where the runbooks are published: a rule's runbook link is this followed by its runbook's file name.")
    var runbookBaseURL = EvaluatorConfig().runbookBaseURL

    /// `parameters` with the rules' alarms; unchanged for `--rules none`.
    func apply(to parameters: DashboardParameters, command: String) throws -> DashboardParameters {
        let rules = self.rules ?? (Self.isDirectory("alarms") ? "alarms" : "/etc/druidwatch/alarms")
        guard rules != "none" else { return parameters }
        guard Self.isDirectory(rules) else {
            printToStandardError("druidwatch \(command): --rules \(rules): no such directory (give the alarm rules directory, or --rules none)")
            throw ExitCode.failure
        }
        let ruleSet = try loadAlarmRules(
            directory: rules, variables: AlarmRuleVariables(cluster: parameters.cluster, namespace: parameters.namespace), command: command
        )
        return parameters.withAlarms(ruleSet, runbookBaseURL: runbookBaseURL)
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
