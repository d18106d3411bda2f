import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import DruidWatchEvaluator
import Foundation

/// `druidwatch alarms status`: every alarm state as the evaluator last saved it.
struct AlarmsStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print every alarm state from the evaluator's state file, firing ones first.",
        discussion: "Exit status: 0 when nothing is in ALARM, 1 when something is, 3 when there is no state to read."
    )

    @Option(name: .shortAndLong, help: "The evaluator's YAML configuration file (for its state directory).")
    var config: String = "/etc/druidwatch/evaluator.yaml"

    @Flag(help: "Only the alarms in ALARM.")
    var firing = false

    func run() throws {
        let settings = try loadEvaluatorConfigurationOrExit(config)
        let paths = EvaluatorPaths(stateDirectory: URL(fileURLWithPath: settings.stateDirectory))
        guard FileManager.default.fileExists(atPath: paths.stateFile.path) else {
            printToStandardError("no evaluator state at \(paths.stateFile.path): has the evaluator run yet?")
            throw ExitCode(3)
        }
        guard case let .restored(state) = EvaluatorStateStore(file: paths.stateFile).loadReadOnly() else {
            printToStandardError("the state file \(paths.stateFile.path) cannot be read")
            throw ExitCode(3)
        }
        let order: [AlarmState: Int] = [.alarm: 0, .insufficientData: 1, .ok: 2]
        let statuses = state.statuses
            .filter { !firing || $0.state == .alarm }
            .sorted { (order[$0.state] ?? 3, $0.key) < (order[$1.state] ?? 3, $1.key) }
        let silences = (try? SilenceStore(file: paths.silencesFile).load()) ?? SilenceSet()
        print("saved \(QueryFormEncoding.timestamp(state.savedAt)); last CloudWatch read \(state.lastSuccessfulRead.map(QueryFormEncoding.timestamp) ?? "never")")
        for status in statuses {
            let silenced = silences.silences(matching: status.matchableLabels, at: Date()).isEmpty ? "" : "  (silenced)"
            let value = status.value.map { " value \(CloudWatchNumberText.format($0))" } ?? ""
            print("\(status.state.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) \(status.key)  since \(QueryFormEncoding.timestamp(status.since))\(value) [\(status.severity)]\(silenced)")
        }
        let alarming = state.statuses.count { $0.state == .alarm }
        print("\(state.statuses.count) alarm states, \(alarming) in ALARM, \(state.outboxNote)")
        if alarming > 0 { throw ExitCode(1) }
    }
}

private extension PersistedEvaluatorState {
    var outboxNote: String { "\(notificationLog.openRuleNames.count) open incident\(notificationLog.openRuleNames.count == 1 ? "" : "s")" }
}
