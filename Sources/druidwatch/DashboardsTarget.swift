import ArgumentParser
import DruidWatchAgent
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSystemd
import Logging

/// What `dashboards publish` and `dashboards preview` work on: the configuration's
/// cluster, its AWS clients, and the dashboards' parameters with the rules' alarms.
struct DashboardsTarget {
    var aws: AWSContext
    var parameters: DashboardParameters

    /// Exits with the reason when the configuration names no cluster or AWS cannot be
    /// reached; throws what resolving AWS or the rules threw.
    static func resolve(config: String, alarms: DashboardAlarmOptions, command: String) async throws -> DashboardsTarget {
        let settings = try loadConfigurationOrExit(config)
        guard let cluster = settings.cluster else {
            printToStandardError("druidwatch \(command): \(config): cluster: the dashboards show one cluster; set `cluster`")
            throw ExitCode.failure
        }
        LogBackend.bootstrap(level: .warning)
        let aws = try await AWSContext.resolve(settings, logger: Logger(label: "druidwatch.dashboards"))
        let parameters = try alarms.apply(to: settings.dashboardParameters(cluster: cluster, region: aws.region.region), command: command)
        return DashboardsTarget(aws: aws, parameters: parameters)
    }
}
