import Foundation

/// The pair of shared files, `~/.aws/config` and `~/.aws/credentials` (or wherever
/// `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` point), and which profile is in use.
public struct SharedConfig: Sendable, Equatable {
    public let configPath: String
    public let credentialsPath: String
    /// nil when the file does not exist.
    public let configFile: SharedConfigFile?
    public let credentialsFile: SharedConfigFile?

    public init(configFile: SharedConfigFile?, credentialsFile: SharedConfigFile?, configPath: String, credentialsPath: String) {
        self.configFile = configFile
        self.credentialsFile = credentialsFile
        self.configPath = configPath
        self.credentialsPath = credentialsPath
    }

    /// Reads both files from the locations `environment` selects.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SharedConfigFileError) -> SharedConfig {
        let configPath = configFilePath(environment: environment)
        let credentialsPath = credentialsFilePath(environment: environment)
        return SharedConfig(
            configFile: try SharedConfigFile.load(path: configPath, kind: .config),
            credentialsFile: try SharedConfigFile.load(path: credentialsPath, kind: .credentials),
            configPath: configPath,
            credentialsPath: credentialsPath
        )
    }

    /// The merged profile, or nil when neither file has a section for it.
    public func profile(named name: String) -> SharedConfigProfile? {
        let fromConfig = configFile?.profiles[name]
        let fromCredentials = credentialsFile?.profiles[name]
        guard fromConfig != nil || fromCredentials != nil else { return nil }
        var profile = SharedConfigProfile(name: name)
        if let fromConfig { profile.overlay(fromConfig, from: configPath) }
        if let fromCredentials { profile.overlay(fromCredentials, from: credentialsPath) }
        return profile
    }

    /// The profile in use: the one the agent's configuration names, else `AWS_PROFILE`,
    /// else `default`.
    public static func selectedProfileName(explicit: String?, environment: [String: String]) -> (name: String, isExplicit: Bool) {
        if let explicit = nonEmpty(explicit) { return (explicit, true) }
        if let fromEnvironment = nonEmpty(environment["AWS_PROFILE"]) { return (fromEnvironment, true) }
        return ("default", false)
    }

    public static func configFilePath(environment: [String: String]) -> String {
        expandingHome(nonEmpty(environment["AWS_CONFIG_FILE"]) ?? "~/.aws/config", environment: environment)
    }

    public static func credentialsFilePath(environment: [String: String]) -> String {
        expandingHome(nonEmpty(environment["AWS_SHARED_CREDENTIALS_FILE"]) ?? "~/.aws/credentials", environment: environment)
    }

    private static func expandingHome(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
