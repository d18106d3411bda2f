import ArgumentParser
import DruidWatchConfig

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate an agent configuration file.",
        discussion: "Prints every problem as FILE:LINE: FIELD: REASON and exits 1 if there is any."
    )

    @Argument(help: "The YAML configuration file.")
    var file: String

    func run() throws {
        do {
            let config = try AgentConfigLoader.load(path: file)
            print("\(file): OK (namespace \(config.namespace), period \(config.period), collection every \(config.collectionInterval))")
        } catch {
            printToStandardError(error.description)
            throw ExitCode.failure
        }
    }
}
