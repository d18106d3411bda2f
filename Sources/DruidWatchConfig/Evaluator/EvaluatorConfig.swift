import DruidWatchCore
import Foundation

/// The evaluator's configuration (`/etc/druidwatch/evaluator.yaml`; every key in
/// packaging/examples/evaluator.yaml).
public struct EvaluatorConfig: Sendable, Equatable {
    public var cluster = "prod-druid"
    public var namespace = "Druid"
    /// The rules directory.
    public var rules = "/etc/druidwatch/alarms"
    /// The runbooks directory every rule is checked against; `<rules>/runbooks` when unset.
    public var runbooks: String?
    public var runbookBaseURL = "https://github.com/druidwatch/druidwatch/blob/main/alarms/runbooks/"
    public var stateDirectory = "/var/lib/druidwatch/evaluator"
    /// How often a cycle runs; each rule is still evaluated once per its period.
    public var intervalSeconds = 60
    /// How long after a period ends it is read, so that the agents have published it.
    public var readDelaySeconds = 60
    /// How often the series each rule matches are listed again (ListMetrics).
    public var discoveryIntervalSeconds = 900
    /// The account in alarm ARNs; asked of STS when not set.
    public var accountID: String?
    public var aws = AgentConfig.AWS()
    public var notifications = Notifications()
    public var logging = AgentConfig.Logging()
    public var directFeed = DirectFeedListenConfig()
    public var dashboards = Dashboards()

    public init() {}

    /// The evaluator keeps the cluster's dashboards published: on start, and whenever
    /// the services, Auto Scaling groups or dataSources it sees change.
    public struct Dashboards: Sendable, Equatable {
        public var publish = true
        /// The agents' naming (`naming` in agent.yaml), which the searches follow.
        public var naming: NamingPreset = .druidwatch

        public init() {}
    }

    public struct Notifications: Sendable, Equatable {
        /// SNS topic ARNs by rule severity (`page`, `ticket`).
        public var topics: [String: [String]] = [:]
        public var groupWaitSeconds = 30
        public var groupIntervalSeconds = 300
        public var repeatIntervalSeconds = 14_400
        public var sendResolved = true
        /// Below SNS's 10 e-mail deliveries per second per account, beyond which SNS
        /// deactivates subscriptions.
        public var maximumPublishesPerSecond = 5.0
        public var outboxMaximumCount = 10_000

        public init() {}
    }

    public var runbooksDirectory: String { runbooks ?? (rules as NSString).appendingPathComponent("runbooks") }

    public var variables: AlarmRuleVariables { AlarmRuleVariables(cluster: cluster, namespace: namespace) }

    /// The dashboards' parameters for this cluster and namespace, under the agents'
    /// naming, in `region`, with the rules' alarms and runbook links.
    public func dashboardParameters(region: String, rules: AlarmRuleSet) -> DashboardParameters {
        DashboardParameters(cluster: cluster, namespace: namespace, region: region, naming: dashboards.naming)
            .withAlarms(rules, runbookBaseURL: runbookBaseURL)
    }
}

