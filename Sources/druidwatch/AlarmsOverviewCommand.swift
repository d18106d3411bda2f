import ArgumentParser
import DruidWatchCore
import Foundation

/// Writes `alarms/README.md`, the catalog's table, from the rule files.
struct AlarmsOverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "Write the catalog overview (alarm, severity, condition, runbook) to <rules>/README.md."
    )

    @OptionGroup var options: AlarmRuleOptions

    @Flag(help: "Print the overview instead of writing it.")
    var stdout = false

    func run() throws {
        let rules = try loadAlarmRules(options, command: "alarms overview", checkRunbooks: false)
        let text = AlarmCatalogOverview.render(rules)
        if stdout {
            print(text, terminator: "")
            return
        }
        let path = URL(fileURLWithPath: options.rules).appendingPathComponent("README.md").path
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print("\(path): \(rules.rules.count) rules")
        } catch {
            printToStandardError("druidwatch alarms overview: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
