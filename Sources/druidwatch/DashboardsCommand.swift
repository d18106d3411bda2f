import ArgumentParser

/// `druidwatch dashboards build|publish|preview`.
struct DashboardsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboards",
        abstract: "Generate the cluster's CloudWatch dashboards, publish them, or preview them as HTML.",
        subcommands: [DashboardsBuildCommand.self, DashboardsPublishCommand.self, DashboardsPreviewCommand.self]
    )
}
