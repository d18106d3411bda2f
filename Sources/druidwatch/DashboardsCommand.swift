import ArgumentParser

/// `druidwatch dashboards build|publish`.
struct DashboardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboards",
        abstract: "Generate the cluster's CloudWatch dashboards, or publish them.",
        subcommands: [DashboardsBuildCommand.self, DashboardsPublishCommand.self]
    )
}
