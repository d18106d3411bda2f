import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Writes every dashboard's body to `<output>/<kind>.json`, after checking all of them
/// against CloudWatch's limits; nothing is written when one fails.
struct DashboardsBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Write the dashboards' JSON bodies (importable with aws cloudwatch put-dashboard).",
        discussion: "The files in the repository's dashboards/ are this command's output for the defaults."
    )

    @Option(help: "The cluster, as the agents' `cluster` setting names it.")
    var cluster = DashboardsBuildCommand.defaultCluster

    @Option(help: "The CloudWatch namespace the agents publish to.")
    var namespace = "Druid"

    @Option(help: "The region the widgets read from.")
    var region = "us-east-1"

    @Option(help: "The directory to write the files into.")
    var output = "dashboards"

    @OptionGroup var alarms: DashboardAlarmOptions

    /// The cluster of packaging/examples/agent.yaml.
    static let defaultCluster = "prod-druid"

    func run() throws {
        let parameters = try alarms.apply(to: DashboardParameters(cluster: cluster, namespace: namespace, region: region), command: "dashboards build")
        let dashboards: [RenderedDashboard]
        do {
            dashboards = try RenderedDashboard.all(parameters)
        } catch {
            printToStandardError("druidwatch dashboards build: \(error)")
            throw ExitCode.failure
        }
        let directory = URL(fileURLWithPath: output)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for dashboard in dashboards {
                let file = directory.appendingPathComponent("\(dashboard.fileName).json")
                try Data(dashboard.fileContents.utf8).write(to: file, options: .atomic)
                print("\(file.path)  (\(dashboard.name))")
            }
        } catch {
            printToStandardError("druidwatch dashboards build: cannot write into \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
