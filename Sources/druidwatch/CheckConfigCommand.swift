import ArgumentParser
import DruidWatchConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate an agent configuration file.",
        discussion: """
        Prints every problem as FILE:LINE: FIELD: REASON and exits 1 if there is any. \
        Settings that would multiply the CloudWatch bill (dimensions with a value per \
        query, task or segment; an estimate several times the default configuration's) \
        are printed as FILE:LINE: FIELD: warning: ... and leave the exit status 0.
        """
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() throws {
        do {
            let check = try AgentConfigLoader.check(path: file)
            let config = check.config
            if !check.warnings.isEmpty { printToStandardError(check.warnings.map(\.description).joined(separator: "\n")) }
            print("\(file): OK (namespace \(config.namespace), period \(config.period), collection every \(config.collectionInterval))")
        } catch {
            printToStandardError(error.description)
            throw ExitCode.failure
        }
    }
}
