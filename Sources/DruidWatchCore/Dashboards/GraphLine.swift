/// What one graph draws from one metric: every series the search finds, or one line
/// that combines them (`SUM`, `MAX`, `MIN`, `AVG`) with the search itself hidden.
public struct GraphLine: Sendable, Equatable {
    public var search: MetricSearch
    public var stat: String
    public var combine: String?
    public var label: String?
    public var axis: DashboardMetric.Axis?

    public static func series(_ search: MetricSearch, stat: String, axis: DashboardMetric.Axis? = nil) -> GraphLine {
        GraphLine(search: search, stat: stat, combine: nil, label: nil, axis: axis)
    }

    public static func combined(_ function: String, _ search: MetricSearch, stat: String, label: String, axis: DashboardMetric.Axis? = nil) -> GraphLine {
        GraphLine(search: search, stat: stat, combine: function, label: label, axis: axis)
    }

    /// The rows of the `metrics` array, with ids numbered by `index` within the graph.
    func rows(index: Int, period: Int) -> [DashboardMetric] {
        let searchId = "s\(index)"
        let expression = search.expression(stat: stat, period: period)
        guard let combine, let label else {
            return [.expression(expression, options: .init(id: searchId, yAxis: axis))]
        }
        return [
            .expression(expression, options: .init(id: searchId, visible: false)),
            .expression("\(combine)(\(searchId))", options: .init(id: "e\(index)", label: label, yAxis: axis)),
        ]
    }
}
