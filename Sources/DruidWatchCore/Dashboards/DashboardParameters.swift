/// What every generated dashboard is built for: one cluster's metrics in one namespace
/// and region, named as the agent names its dimensions. Alarm-derived inputs
/// (threshold lines, alarm ARNs, runbook links) are empty until alarm rules exist.
public struct DashboardParameters: Sendable, Equatable {
    public var cluster: String
    public var namespace: String
    public var region: String
    /// `Cluster`, or `Druid.Cluster` under the AWS solution's naming.
    public var clusterDimension: String
    /// `Service`, or `Druid.Service` under the AWS solution's naming.
    public var serviceDimension: String
    /// Horizontal lines to draw on every graph of the named metric (alarm thresholds).
    public var thresholds: [String: [HorizontalAnnotation]]
    /// Alarms whose state the overview shows in an alarm status widget (1 to 100).
    public var alarmARNs: [String]
    /// The alarm rules, each listed with its runbook on the dashboard its rule names
    /// (and the paging ones on the overview too).
    public var alarms: [DashboardAlarm]
    /// What the evaluator sees of the cluster, listed on the overview; nil for the
    /// dashboards built without it (`dashboards build`).
    public var fleet: DashboardFleet?

    public init(
        cluster: String,
        namespace: String = "Druid",
        region: String = "us-east-1",
        clusterDimension: String = "Cluster",
        serviceDimension: String = "Service",
        thresholds: [String: [HorizontalAnnotation]] = [:],
        alarmARNs: [String] = [],
        alarms: [DashboardAlarm] = [],
        fleet: DashboardFleet? = nil
    ) {
        self.cluster = cluster
        self.namespace = namespace
        self.region = region
        self.clusterDimension = clusterDimension
        self.serviceDimension = serviceDimension
        self.thresholds = thresholds
        self.alarmARNs = alarmARNs
        self.alarms = alarms
        self.fleet = fleet
    }

    /// The dashboard name for one of the cluster's dashboards: `druid-<cluster>-<kind>`,
    /// with every character PutDashboard does not allow in a name replaced by `-`.
    public func dashboardName(_ kind: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        return String("druid-\(cluster)-\(kind)".map { allowed.contains($0) ? $0 : "-" })
    }

    /// The problems that would make the search expressions wrong: their terms are
    /// quoted with `'` and `"`, which druidwatch does not try to escape.
    public var problems: [String] {
        let quoted: [(String, String)] = [("cluster", cluster), ("namespace", namespace), ("cluster dimension", clusterDimension), ("service dimension", serviceDimension)]
        var problems = quoted.compactMap { field, value -> String? in
            if value.isEmpty { return "\(field) is empty" }
            guard value.contains(where: { $0 == "'" || $0 == "\"" || $0 == "\\" }) else { return nil }
            return "\(field) \(value) contains a quote or a backslash, which a SEARCH expression cannot hold"
        }
        if region.isEmpty { problems.append("region is empty") }
        return problems
    }
}
