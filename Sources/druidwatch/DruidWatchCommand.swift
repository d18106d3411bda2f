import ArgumentParser

@main
struct DruidWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "druidwatch",
        abstract: "Observability and alerting for Apache Druid clusters on AWS.",
        discussion: """
        The agent runs on every Druid instance, reads the host's metrics and publishes \
        them to CloudWatch. Configuration is one YAML file; see packaging/examples/agent.yaml.
        """,
        version: DruidWatchVersion.current,
        subcommands: [AgentCommand.self, AlarmsCommand.self, CheckConfigCommand.self, CostCommand.self, DashboardsCommand.self, EvaluatorCommand.self, SilenceCommand.self, StatusCommand.self, ShowMetricsCommand.self, VersionCommand.self]
    )

    /// The malloc arena limit is set here, on the main thread before the first hop to
    /// another: each thread that allocates before it gets an arena of its own.
    static func main() async {
        MallocArenas.limitUnlessConfigured()
        await main(nil)
    }
}
