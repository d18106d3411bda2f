import ArgumentParser
import DruidWatchConfig

/// The configuration a command was given, or every problem with it on stderr and exit
/// status 1: a command cannot do anything useful with half a configuration.
func loadConfigurationOrExit(_ path: String) throws -> AgentConfig {
    do {
        return try AgentConfigLoader.load(path: path)
    } catch {
        printToStandardError(error.description)
        throw ExitCode.failure
    }
}
