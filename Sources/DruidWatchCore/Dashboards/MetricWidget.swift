/// A `metric` widget's properties (reference §2.3).
public struct MetricWidget: Sendable, Equatable, Encodable {
    public var title: String?
    public var region: String
    public var metrics: [DashboardMetric]
    public var view: View
    public var stacked: Bool?
    /// The default statistic of rows that name none: `SampleCount`, `Average`, `Sum`,
    /// `Minimum`, `Maximum` or `pNN`.
    public var stat: String?
    /// Seconds; a multiple of 60.
    public var period: Int?
    public var yAxis: YAxis?
    public var annotations: MetricAnnotations?

    public enum View: String, Sendable, Equatable, Encodable {
        case timeSeries, singleValue, gauge, bar, pie, table
    }

    public struct YAxis: Sendable, Equatable, Encodable {
        public var left: Axis?
        public var right: Axis?

        public init(left: Axis? = nil, right: Axis? = nil) {
            self.left = left
            self.right = right
        }
    }

    public struct Axis: Sendable, Equatable, Encodable {
        public var min: Double?
        public var max: Double?
        public var label: String?
        public var showUnits: Bool?

        public init(min: Double? = nil, max: Double? = nil, label: String? = nil, showUnits: Bool? = nil) {
            self.min = min
            self.max = max
            self.label = label
            self.showUnits = showUnits
        }
    }

    public init(
        title: String?,
        region: String,
        metrics: [DashboardMetric],
        view: View = .timeSeries,
        stacked: Bool? = nil,
        stat: String? = nil,
        period: Int? = nil,
        yAxis: YAxis? = nil,
        annotations: MetricAnnotations? = nil
    ) {
        self.title = title
        self.region = region
        self.metrics = metrics
        self.view = view
        self.stacked = stacked
        self.stat = stat
        self.period = period
        self.yAxis = yAxis
        self.annotations = annotations
    }
}
