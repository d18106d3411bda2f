import Foundation

/// One line of a previewed graph: its legend label and its points, oldest first.
public struct PreviewSeries: Sendable, Equatable {
    public var label: String
    public var points: [MetricPoint]
    /// Drawn against the graph's right axis.
    public var onRightAxis: Bool

    public init(label: String, points: [MetricPoint], onRightAxis: Bool = false) {
        self.label = label
        self.points = points.sorted { $0.timestamp < $1.timestamp }
        self.onRightAxis = onRightAxis
    }
}
