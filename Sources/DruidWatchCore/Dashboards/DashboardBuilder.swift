/// Builds one of a cluster's dashboards: widgets in reading order, laid out on the grid,
/// every search limited to the cluster, every graph at the agent's 60-second period, and
/// the threshold lines the parameters hold for a graph's metrics drawn on it.
public struct DashboardBuilder: Sendable {
    /// The agent's default period: finer would show gaps, coarser would hide spikes.
    public static let period = 60
    public static let graphHeight = 6

    public let parameters: DashboardParameters
    private var layout = DashboardLayout()

    public init(parameters: DashboardParameters) {
        self.parameters = parameters
    }

    /// A search for one metric of this cluster, narrowed by the given dimension values.
    public func search(_ metricName: String, _ filters: [MetricDimension] = []) -> MetricSearch {
        MetricSearch(
            namespace: parameters.namespace,
            metricName: metricName,
            dimensions: [MetricDimension(parameters.clusterDimension, parameters.cluster)] + filters
        )
    }

    /// `Service=<druid/broker>` under the configured dimension name.
    public func service(_ name: String) -> MetricDimension {
        MetricDimension(parameters.serviceDimension, name)
    }

    public mutating func text(_ markdown: String, width: Int = 24, height: Int = 2) {
        layout.place(.text(TextWidget(markdown: markdown)), width: width, height: height)
    }

    public mutating func graph(
        _ title: String,
        _ lines: [GraphLine],
        width: Int = 8,
        height: Int = graphHeight,
        stacked: Bool? = nil,
        yAxis: MetricWidget.YAxis? = nil
    ) {
        let rows = lines.enumerated().flatMap { index, line in line.rows(index: index + 1, period: Self.period) }
        var metricNames: [String] = []
        for line in lines where !metricNames.contains(line.search.metricName) { metricNames.append(line.search.metricName) }
        let thresholds = metricNames.flatMap { parameters.thresholds[$0] ?? [] }
        let widget = MetricWidget(
            title: title,
            region: parameters.region,
            metrics: rows,
            stacked: stacked,
            period: Self.period,
            yAxis: yAxis,
            annotations: thresholds.isEmpty ? nil : MetricAnnotations(horizontal: thresholds)
        )
        layout.place(.metric(widget), width: width, height: height)
    }

    /// The alarm status widget, when there are alarms to show (1 to 100 each).
    public mutating func alarmStatus(_ title: String, width: Int = 24, height: Int = 4) {
        let arns = parameters.alarmARNs
        for start in stride(from: 0, to: arns.count, by: DashboardLimits.alarmsPerAlarmWidget.upperBound) {
            let chunk = Array(arns[start..<min(start + DashboardLimits.alarmsPerAlarmWidget.upperBound, arns.count)])
            layout.place(.alarmStatus(AlarmStatusWidget(alarms: chunk, title: title, sortBy: .stateUpdatedTimestamp)), width: width, height: height)
        }
    }

    public mutating func newRow() {
        layout.newRow()
    }

    /// The dashboard, closed by the list of the alarms whose rules name it, each with
    /// its condition and a link to its runbook.
    public func dashboard(_ kind: DruidDashboards.Kind) -> Dashboard {
        var board = self
        let alarms = parameters.alarms.filter { ($0.dashboard ?? DruidDashboards.Kind.overview.rawValue) == kind.rawValue }
        if !alarms.isEmpty {
            board.newRow()
            let lines = ["## Alarms on this dashboard"] + alarms.map { "- **[\($0.name)](\($0.runbookURL))** (\($0.severity)): \($0.condition)" }
            board.text(lines.joined(separator: "\n"), height: 2 + alarms.count)
        }
        return Dashboard(
            name: parameters.dashboardName(kind.rawValue),
            fileName: kind.rawValue,
            body: DashboardBody(widgets: board.layout.widgets, variables: DruidDashboards.variables(parameters), start: "-PT3H", periodOverride: .auto)
        )
    }
}
