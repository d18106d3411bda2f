/// What of the cluster CloudWatch shows: its Druid services, Auto Scaling groups and
/// dataSources, from the series the evaluator discovers. The overview lists them, so
/// the dashboards are rebuilt (and republished) when the set changes, and only then;
/// instances come and go without changing it.
public struct DashboardFleet: Sendable, Equatable {
    public var services: Set<String>
    public var autoScalingGroups: Set<String>
    public var dataSources: Set<String>

    public init(services: Set<String> = [], autoScalingGroups: Set<String> = [], dataSources: Set<String> = []) {
        self.services = services
        self.autoScalingGroups = autoScalingGroups
        self.dataSources = dataSources
    }

    /// The sets in these series' dimensions, under the parameters' naming.
    public init(series: some Sequence<MetricIdentity>, serviceDimension: String) {
        self.init()
        for identity in series {
            for dimension in identity.dimensions {
                switch dimension.name {
                case serviceDimension: services.insert(dimension.value)
                case "AutoScalingGroupName": autoScalingGroups.insert(dimension.value)
                case "dataSource": dataSources.insert(dimension.value)
                default: break
                }
            }
        }
    }

    public var isEmpty: Bool { services.isEmpty && autoScalingGroups.isEmpty && dataSources.isEmpty }

    /// Names shown per kind at most; the rest are counted.
    public static let shownPerKind = 20

    /// One Markdown line per kind that has names.
    var markdownLines: [String] {
        [("Services", services), ("Auto Scaling groups", autoScalingGroups), ("dataSources", dataSources)].compactMap { title, names in
            guard !names.isEmpty else { return nil }
            let sorted = names.sorted()
            let shown = sorted.prefix(Self.shownPerKind).map { "`\($0)`" }.joined(separator: ", ")
            let rest = sorted.count > Self.shownPerKind ? " and \(sorted.count - Self.shownPerKind) more" : ""
            return "- **\(title) (\(sorted.count)):** \(shown)\(rest)"
        }
    }
}
