import ArgumentParser
import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSystemd
import Logging

/// Builds the dashboards for the configuration's cluster, namespace, naming and region
/// and publishes every one with PutDashboard (skipping those already current).
struct DashboardsPublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish the dashboards for the configuration's cluster with PutDashboard.",
        discussion: "Uses the configuration's cluster, namespace and naming, and its aws section for region, endpoint and credentials, as show-metrics does."
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String = "/etc/druidwatch/agent.yaml"

    @OptionGroup var alarms: DashboardAlarmOptions

    func run() async throws {
        do {
            let target = try await DashboardsTarget.resolve(config: config, alarms: alarms, command: "dashboards publish")
            let dashboards = try RenderedDashboard.all(target.parameters)
            var failures = 0
            for (dashboard, outcome) in await DashboardPublisher(cloudWatch: target.aws.cloudWatch).publish(dashboards) {
                switch outcome {
                case .unchanged:
                    print("\(dashboard.name): unchanged")
                case let .published(warnings):
                    print("\(dashboard.name): published" + (warnings.isEmpty ? "" : " with \(warnings.count) validation message(s)"))
                    for warning in warnings { print("  \(warning)") }
                case let .failed(error):
                    failures += 1
                    printToStandardError("\(dashboard.name): not published: \(error)")
                }
            }
            if failures > 0 { throw ExitCode.failure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("druidwatch dashboards publish: \(error)")
            throw ExitCode.failure
        }
    }
}
