import Foundation

/// Reads and validates the evaluator's YAML configuration.
public enum EvaluatorConfigLoader {
    public static func load(path: String) throws(ConfigError) -> EvaluatorConfig {
        try parse(yaml: AgentConfigLoader.readText(path), file: path)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> EvaluatorConfig {
        let reader = ConfigReader(file: file)
        var config = EvaluatorConfig()
        if let document = reader.document(yaml) { read(document, into: &config) }
        guard reader.issues.isEmpty else { throw ConfigError(issues: reader.issues) }
        return config
    }

    private static func read(_ document: ConfigNode, into config: inout EvaluatorConfig) {
        guard let top = document.mapping(allowed: [
            "cluster", "namespace", "rules", "runbooks", "runbook_base_url", "state_directory", "interval", "read_delay",
            "discovery_interval", "account_id", "aws", "notifications", "logging", "direct_feed", "dashboards",
        ]) else { return }
        if let node = top["cluster"], let value = node.string() {
            if value.isEmpty || value.count > 1024 { node.report("must be 1 to 1024 characters (a CloudWatch dimension value)") } else { config.cluster = value }
        }
        if let node = top["namespace"], let value = node.string() {
            if value.isEmpty || value.count > 255 || value.hasPrefix(":") { node.report("must be 1 to 255 characters, not starting with ':'") } else { config.namespace = value }
        }
        if let value = top["rules"]?.string() { config.rules = value }
        if let value = top["runbooks"]?.string() { config.runbooks = value }
        if let node = top["runbook_base_url"], let value = node.string() {
            if URL(string: value)?.scheme == nil { node.report("must be an absolute URL (https://…/runbooks/ or file:///…/runbooks/)") } else { config.runbookBaseURL = value }
        }
        if let value = top["state_directory"]?.string() { config.stateDirectory = value }
        if let node = top["interval"], let value = node.wholeSeconds() {
            if value < 10 { node.report("must be at least 10s") } else { config.intervalSeconds = value }
        }
        if let value = top["read_delay"]?.wholeSeconds() { config.readDelaySeconds = value }
        if let node = top["discovery_interval"], let value = node.wholeSeconds() {
            if value < 60 { node.report("must be at least 60s (ListMetrics is billed per request)") } else { config.discoveryIntervalSeconds = value }
        }
        if let node = top["account_id"], let value = node.string() {
            if value.count == 12, value.allSatisfy(\.isNumber) { config.accountID = value } else { node.report("must be twelve digits") }
        }
        if let node = top["aws"] { AgentConfigLoader.readAWS(node, into: &config.aws) }
        if let node = top["notifications"] { readNotifications(node, into: &config.notifications) }
        if let node = top["direct_feed"] { DirectFeedConfigReader.readListen(node, into: &config.directFeed) }
        if let node = top["dashboards"], let dashboards = node.mapping(allowed: ["publish", "naming"]) {
            if let value = dashboards["publish"]?.bool() { config.dashboards.publish = value }
            if let value = dashboards["naming"]?.oneOf(NamingPreset.allCases.map(\.rawValue)).flatMap(NamingPreset.init(rawValue:)) {
                config.dashboards.naming = value
            }
        }
        if let node = top["logging"], let logging = node.mapping(allowed: ["level"]) {
            if let level = logging["level"]?.oneOf(LogLevel.allCases.map(\.rawValue)).flatMap(LogLevel.init(rawValue:)) {
                config.logging.level = level
            }
        }
    }

    private static func readNotifications(_ node: ConfigNode, into notifications: inout EvaluatorConfig.Notifications) {
        guard let mapping = node.mapping(allowed: [
            "topics", "group_wait", "group_interval", "repeat_interval", "send_resolved", "max_publishes_per_second", "outbox_max_count",
        ]) else { return }
        if let entries = mapping["topics"]?.freeMapping() {
            for (severity, child) in entries {
                guard let arns = child.stringList() else { continue }
                for arn in arns where arn.range(of: #"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$"#, options: .regularExpression) == nil {
                    child.report("'\(arn)' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>); FIFO topics cannot deliver e-mail")
                }
                if arns.count > 5 { child.report("at most 5 actions per state (CloudWatch's limit)") }
                notifications.topics[severity] = arns
            }
        }
        if let value = mapping["group_wait"]?.wholeSeconds() { notifications.groupWaitSeconds = value }
        if let node = mapping["group_interval"], let value = node.wholeSeconds() {
            if value < 1 { node.report("must be at least 1s") } else { notifications.groupIntervalSeconds = value }
        }
        if let node = mapping["repeat_interval"], let value = node.wholeSeconds() {
            if value < 60 { node.report("must be at least 60s") } else { notifications.repeatIntervalSeconds = value }
        }
        if let value = mapping["send_resolved"]?.bool() { notifications.sendResolved = value }
        if let node = mapping["max_publishes_per_second"], let value = node.number() {
            if value <= 0 || value >= 10 {
                node.report("must be above 0 and below 10: SNS deactivates e-mail subscriptions beyond 10 deliveries per second")
            } else {
                notifications.maximumPublishesPerSecond = value
            }
        }
        if let node = mapping["outbox_max_count"], let value = node.integer() {
            if value < 10 { node.report("must be at least 10") } else { notifications.outboxMaximumCount = value }
        }
    }
}
