import ArgumentParser

/// `druidwatch alarms validate|test|overview|export|status`.
struct AlarmsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarms",
        abstract: "Check, test, document and export the alarm rules.",
        subcommands: [AlarmsValidateCommand.self, AlarmsTestCommand.self, AlarmsOverviewCommand.self, AlarmsExportCommand.self, AlarmsStatusCommand.self]
    )
}

/// The options every `alarms` subcommand reading rule files shares.
struct AlarmRuleOptions: ParsableArguments {
    @Option(help: "The rules directory: every *.yaml under it except *.test.yaml and runbooks/.")
    var rules = "alarms"

    @Option(help: "What ${cluster} becomes in the rules.")
    var cluster = "prod-druid"

    @Option(help: "What ${namespace} becomes, and the namespace of metrics that name none.")
    var namespace = "Druid"
}
