/// A metric widget's `annotations` (reference §2.5): either one alarm (which then is
/// the widget's only content) or horizontal lines such as alarm thresholds.
public struct MetricAnnotations: Sendable, Equatable, Encodable {
    /// 0 or 1 alarm ARN; exclusive with `metrics` and with `horizontal`.
    public var alarms: [String]?
    public var horizontal: [HorizontalAnnotation]?

    public init(alarms: [String]? = nil, horizontal: [HorizontalAnnotation]? = nil) {
        self.alarms = alarms
        self.horizontal = horizontal
    }
}

/// A horizontal line across a graph, drawn at a value of its left or right axis.
public struct HorizontalAnnotation: Sendable, Equatable, Encodable {
    public var value: Double
    public var label: String?
    /// Six hexadecimal digits after `#`.
    public var color: String?
    public var fill: Fill?
    public var yAxis: DashboardMetric.Axis?
    public var visible: Bool?

    public enum Fill: String, Sendable, Equatable, Encodable {
        case above, below, none
    }

    public init(value: Double, label: String? = nil, color: String? = nil, fill: Fill? = nil, yAxis: DashboardMetric.Axis? = nil, visible: Bool? = nil) {
        self.value = value
        self.label = label
        self.color = color
        self.fill = fill
        self.yAxis = yAxis
        self.visible = visible
    }
}
