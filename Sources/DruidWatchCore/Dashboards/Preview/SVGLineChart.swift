import Foundation

/// A time-series graph as an SVG element: lines over the time range, the value axes
/// with round ticks, horizontal annotations as dashed lines, and a legend. Laid out for
/// a box of `width` × `height` pixels.
public struct SVGLineChart: Sendable {
    public var width: Double
    public var height: Double
    public var range: ClosedRange<Date>
    public var series: [PreviewSeries]
    public var annotations: [HorizontalAnnotation]
    /// The widget's own axis bounds (`yAxis.left.min: 0` on most graphs).
    public var leftAxis: MetricWidget.Axis?
    public var rightAxis: MetricWidget.Axis?

    /// CloudWatch's palette, in its order.
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    public static let maximumLegendEntries = 8

    static let margin = (left: 52.0, right: 52.0, top: 8.0, bottom: 22.0)
    static let legendLineHeight = 14.0

    public init(
        width: Double, height: Double, range: ClosedRange<Date>, series: [PreviewSeries], annotations: [HorizontalAnnotation] = [],
        leftAxis: MetricWidget.Axis? = nil, rightAxis: MetricWidget.Axis? = nil
    ) {
        self.width = width
        self.height = height
        self.range = range
        self.series = series
        self.annotations = annotations
        self.leftAxis = leftAxis
        self.rightAxis = rightAxis
    }

    public var svg: String {
        let legendRows = min(series.count, Self.maximumLegendEntries) + (series.count > Self.maximumLegendEntries ? 1 : 0)
        let legendHeight = Double((legendRows + 1) / 2) * Self.legendLineHeight
        let plot = (
            x: Self.margin.left, y: Self.margin.top,
            width: max(10, width - Self.margin.left - Self.margin.right),
            height: max(10, height - Self.margin.top - Self.margin.bottom - legendHeight)
        )
        var out = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(format(width))" height="\##(format(height))" viewBox="0 0 \##(format(width)) \##(format(height))" font-family="sans-serif" font-size="10">"##
        out += ##"<rect x="\##(format(plot.x))" y="\##(format(plot.y))" width="\##(format(plot.width))" height="\##(format(plot.height))" fill="#ffffff" stroke="#d5dbdb"/>"##

        let leftScale = scale(for: series.filter { !$0.onRightAxis }, annotations: annotations.filter { $0.yAxis != .right }, axis: leftAxis)
        let rightSeries = series.filter(\.onRightAxis)
        let rightScale = rightSeries.isEmpty ? nil : scale(for: rightSeries, annotations: annotations.filter { $0.yAxis == .right }, axis: rightAxis)

        func y(_ value: Double, _ axis: ValueScale) -> Double {
            plot.y + plot.height - (value - axis.low) / (axis.high - axis.low) * plot.height
        }
        func x(_ date: Date) -> Double {
            let span = max(1, range.upperBound.timeIntervalSince(range.lowerBound))
            return plot.x + date.timeIntervalSince(range.lowerBound) / span * plot.width
        }

        for tick in leftScale.ticks {
            let position = y(tick, leftScale)
            out += ##"<line x1="\##(format(plot.x))" x2="\##(format(plot.x + plot.width))" y1="\##(format(position))" y2="\##(format(position))" stroke="#eaeded"/>"##
            out += ##"<text x="\##(format(plot.x - 4))" y="\##(format(position + 3))" text-anchor="end" fill="#545b64">\##(Self.compact(tick))</text>"##
        }
        if let rightScale {
            for tick in rightScale.ticks {
                out += ##"<text x="\##(format(plot.x + plot.width + 4))" y="\##(format(y(tick, rightScale) + 3))" fill="#545b64">\##(Self.compact(tick))</text>"##
            }
        }
        for tick in timeTicks() {
            let position = x(tick)
            out += ##"<text x="\##(format(position))" y="\##(format(plot.y + plot.height + 14))" text-anchor="middle" fill="#545b64">\##(Self.clock(tick))</text>"##
        }

        for annotation in annotations where annotation.visible != false {
            let axis = annotation.yAxis == .right ? (rightScale ?? leftScale) : leftScale
            guard axis.low...axis.high ~= annotation.value else { continue }
            let position = y(annotation.value, axis)
            let color = annotation.color ?? "#d13212"
            out += ##"<line class="annotation" x1="\##(format(plot.x))" x2="\##(format(plot.x + plot.width))" y1="\##(format(position))" y2="\##(format(position))" stroke="\##(color)" stroke-dasharray="4 3"/>"##
            if let label = annotation.label {
                out += ##"<text x="\##(format(plot.x + plot.width - 3))" y="\##(format(position - 3))" text-anchor="end" fill="\##(color)">\##(HTMLText.escape(label))</text>"##
            }
        }

        let drawn = series.contains { !$0.points.isEmpty }
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            let axis = line.onRightAxis ? (rightScale ?? leftScale) : leftScale
            for segment in Self.segments(line.points) {
                if segment.count == 1, let point = segment.first {
                    out += ##"<circle cx="\##(format(x(point.timestamp)))" cy="\##(format(y(point.value, axis)))" r="2" fill="\##(color)"/>"##
                } else {
                    let points = segment.map { "\(format(x($0.timestamp))),\(format(y($0.value, axis)))" }.joined(separator: " ")
                    out += ##"<polyline class="series" points="\##(points)" fill="none" stroke="\##(color)" stroke-width="1.6"/>"##
                }
            }
        }
        if !drawn {
            out += ##"<text x="\##(format(plot.x + plot.width / 2))" y="\##(format(plot.y + plot.height / 2))" text-anchor="middle" fill="#879596" font-size="12">No data available</text>"##
        }

        let legendTop = plot.y + plot.height + Self.margin.bottom
        let columnWidth = (width - Self.margin.left) / 2
        var entries = series.prefix(Self.maximumLegendEntries).enumerated().map { index, line in (Self.palette[index % Self.palette.count], line.label) }
        if series.count > Self.maximumLegendEntries { entries.append(("#879596", "and \(series.count - Self.maximumLegendEntries) more")) }
        for (index, entry) in entries.enumerated() {
            let left = Self.margin.left + Double(index % 2) * columnWidth
            let top = legendTop + Double(index / 2) * Self.legendLineHeight
            out += ##"<rect x="\##(format(left))" y="\##(format(top))" width="8" height="8" fill="\##(entry.0)"/>"##
            out += ##"<text x="\##(format(left + 12))" y="\##(format(top + 8))" fill="#16191f">\##(HTMLText.escape(Self.truncated(entry.1, to: Int(columnWidth / 6))))</text>"##
        }
        return out + "</svg>"
    }

    struct ValueScale {
        var low: Double
        var high: Double
        var ticks: [Double]
    }

    /// Round bounds and 3 to 6 ticks covering the values and the annotations, with the
    /// widget's own bounds where it sets them.
    func scale(for series: [PreviewSeries], annotations: [HorizontalAnnotation], axis: MetricWidget.Axis?) -> ValueScale {
        let values = series.flatMap { $0.points.map(\.value) } + annotations.filter { $0.visible != false }.map(\.value)
        var low = axis?.min ?? min(0, values.min() ?? 0)
        var high = axis?.max ?? max(values.max() ?? 1, low)
        if high <= low { high = low + 1 }
        let step = Self.niceStep((high - low) / 4)
        if axis?.min == nil { low = (low / step).rounded(.down) * step }
        if axis?.max == nil { high = (high / step).rounded(.up) * step }
        if high <= low { high = low + step }
        let ticks = stride(from: low, through: high + step / 1e6, by: step).map { $0 }
        return ValueScale(low: low, high: high, ticks: ticks)
    }

    /// 1, 2 or 5 times a power of ten.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude
    }

    /// Points split where more than twice the usual spacing is missing, so that a gap in
    /// the data shows as a gap in the line.
    static func segments(_ points: [MetricPoint]) -> [[MetricPoint]] {
        guard points.count > 1 else { return points.isEmpty ? [] : [points] }
        let gaps = zip(points, points.dropFirst()).map { $1.timestamp.timeIntervalSince($0.timestamp) }
        let usual = gaps.sorted()[gaps.count / 2]
        var segments: [[MetricPoint]] = [[points[0]]]
        for (gap, point) in zip(gaps, points.dropFirst()) {
            if gap > 2 * usual { segments.append([point]) } else { segments[segments.count - 1].append(point) }
        }
        return segments
    }

    /// Ticks on round minutes: 4 to 8 across the range.
    func timeTicks() -> [Date] {
        let span = range.upperBound.timeIntervalSince(range.lowerBound)
        guard span > 0 else { return [] }
        let steps: [TimeInterval] = [60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400]
        let step = steps.first { span / $0 <= 8 } ?? 86400
        let first = (range.lowerBound.timeIntervalSince1970 / step).rounded(.up) * step
        return stride(from: first, through: range.upperBound.timeIntervalSince1970, by: step).map { Date(timeIntervalSince1970: $0) }
    }

    /// `HH:mm` in UTC, as the range header says.
    static func clock(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970) % 86400
        return String(format: "%02d:%02d", seconds / 3600, seconds % 3600 / 60)
    }

    /// 1.5k, 2M, 0.25: short enough for an axis.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        let (scaled, suffix): (Double, String) = magnitude >= 1e9 ? (value / 1e9, "G") : magnitude >= 1e6 ? (value / 1e6, "M") : magnitude >= 1e3 ? (value / 1e3, "k") : (value, "")
        let text = scaled == scaled.rounded() ? String(Int(scaled)) : String(format: "%.2f", scaled).replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        return text + suffix
    }

    static func truncated(_ text: String, to length: Int) -> String {
        text.count <= max(4, length) ? text : String(text.prefix(max(4, length) - 1)) + "…"
    }

    private func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
