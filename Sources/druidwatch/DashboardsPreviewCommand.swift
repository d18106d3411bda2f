import ArgumentParser
import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSystemd
import Foundation
import Logging

/// Renders dashboards to self-contained HTML pages with the data CloudWatch holds for
/// them, for a review without the console (or against the local emulator).
struct DashboardsPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render dashboards as HTML pages drawn from CloudWatch's data (GetMetricData).",
        discussion: "Uses the configuration's cluster, namespace and naming, and its aws section for region, endpoint and credentials, as publish does. Each page is self-contained (inline CSS and SVG, no script)."
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String = "/etc/druidwatch/agent.yaml"

    @OptionGroup var alarms: DashboardAlarmOptions

    @Option(help: "The dashboards to render (\(DruidDashboards.Kind.allCases.map(\.rawValue).joined(separator: ", "))); all when not given.")
    var dashboard: [String] = []

    @Option(help: "The directory the pages are written to, as <dashboard>.html.")
    var output: String = "dashboard-preview"

    @Option(help: "How far back the graphs go, in hours.")
    var hours: Double = 3

    func validate() throws {
        let known = Set(DruidDashboards.Kind.allCases.map(\.rawValue))
        for name in dashboard where !known.contains(name) {
            throw ValidationError("unknown dashboard \(name): one of \(known.sorted().joined(separator: ", "))")
        }
        guard hours > 0, hours <= 24 * 15 else { throw ValidationError("--hours must be more than 0 and at most 360 (CloudWatch keeps 1-minute data 15 days)") }
    }

    func run() async throws {
        do {
            let target = try await DashboardsTarget.resolve(config: config, alarms: alarms, command: "dashboards preview")
            let parameters = target.parameters
            _ = try RenderedDashboard.all(parameters)
            let wanted = dashboard.isEmpty ? DruidDashboards.Kind.allCases : dashboard.compactMap(DruidDashboards.Kind.init(rawValue:))
            let end = Date()
            let range = end.addingTimeInterval(-hours * 3600)...end
            let directory = URL(fileURLWithPath: output, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let reader = DashboardPreviewReader(cloudWatch: target.aws.cloudWatch)
            for kind in wanted {
                let built = DruidDashboards.build(kind, parameters)
                let data = await reader.read(built, range: range)
                let file = directory.appendingPathComponent("\(kind.rawValue).html")
                try DashboardPreviewPage.render(built, data: data, range: range).write(to: file, atomically: true, encoding: .utf8)
                let lines = data.values.map(\.lines.count).reduce(0, +)
                let drawn = data.values.filter { $0.lines.contains { !$0.points.isEmpty } }.count
                print("\(file.path): \(built.name), \(drawn) of \(data.count) graphs with data, \(lines) lines")
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("druidwatch dashboards preview: \(error)")
            throw ExitCode.failure
        }
    }
}
