/// A configuration that loads, and what check-config has to say about it all the same:
/// settings that are valid but would multiply the CloudWatch bill.
public struct ConfigCheck: Sendable {
    public var config: AgentConfig
    /// Each as `FILE:LINE: FIELD: warning: ...`.
    public var warnings: [ConfigIssue]
}

extension AgentConfigLoader {
    public static func check(path: String) throws(ConfigError) -> ConfigCheck {
        try check(yaml: readText(path), file: path)
    }

    public static func check(yaml: String, file: String) throws(ConfigError) -> ConfigCheck {
        let (config, lines) = try parseLocated(yaml: yaml, file: file)
        return ConfigCheck(config: config, warnings: CostWarnings.warnings(for: config, lines: lines, file: file))
    }
}
