import Foundation

/// A dashboard as one self-contained HTML page (inline CSS and SVG, no script, nothing
/// fetched): widgets where CloudWatch's 24-column grid puts them, graphs drawn from the
/// data read for them, threshold annotations, text widgets' Markdown, and the alarms of
/// alarm widgets, so that a dashboard can be reviewed without the console.
public enum DashboardPreviewPage {
    /// Pixels per grid column and per grid row; the page is 24 columns wide.
    public static let columnWidth = 56.0
    public static let rowHeight = 36.0
    /// The page's own header above the grid.
    public static let headerHeight = 56.0
    static let titleHeight = 24.0
    static let padding = 6.0

    /// What was read for one metric widget.
    public struct WidgetData: Sendable, Equatable {
        public var lines: [PreviewSeries]
        /// Why something is not drawn (an expression the preview cannot draw, a search
        /// cut short, a read that failed).
        public var notes: [String]

        public init(lines: [PreviewSeries], notes: [String] = []) {
            self.lines = lines
            self.notes = notes
        }
    }

    /// A widget's box on the page, in pixels from the page's top left corner.
    public static func frame(of widget: DashboardWidget) -> (x: Double, y: Double, width: Double, height: Double) {
        (Double(widget.x) * columnWidth, headerHeight + Double(widget.y) * rowHeight, Double(widget.width) * columnWidth, Double(widget.height) * rowHeight)
    }

    /// The page; `data` is keyed by the widget's index in the body.
    public static func render(_ dashboard: Dashboard, data: [Int: WidgetData], range: ClosedRange<Date>) -> String {
        let widgets = dashboard.body.widgets
        let bottom = widgets.map { frame(of: $0) }.map { $0.y + $0.height }.max() ?? headerHeight
        var html = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(dashboard.name))</title>
        <style>
        body{margin:0;background:#f2f3f3;font-family:sans-serif;color:#16191f}
        .page{position:relative;width:\(Int(24 * columnWidth))px;height:\(Int(bottom + padding))px}
        .header{position:absolute;left:0;top:0;width:100%;height:\(Int(headerHeight))px;padding:8px 12px;box-sizing:border-box}
        .header h1{font-size:18px;margin:0}.header p{font-size:12px;margin:4px 0 0;color:#545b64}
        .widget{position:absolute;box-sizing:border-box;padding:\(Int(padding / 2))px}
        .box{background:#ffffff;border:1px solid #d5dbdb;height:100%;box-sizing:border-box;overflow:hidden}
        .title{height:\(Int(titleHeight))px;line-height:\(Int(titleHeight))px;padding:0 8px;font-size:13px;font-weight:bold;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
        .text{padding:4px 10px;font-size:12px;overflow:hidden}.text h1{font-size:16px;margin:4px 0}.text h2{font-size:14px;margin:4px 0}
        .text p,.text ul{margin:4px 0}.text code{background:#eaeded;padding:0 2px}
        .notes{font-size:10px;color:#879596;padding:0 8px}
        .alarms{list-style:none;margin:0;padding:4px 10px;font-size:12px}.alarms li{padding:2px 0}
        </style></head><body><div class="page">
        <div class="header"><h1>\(HTMLText.escape(dashboard.name))</h1><p>\(HTMLText.escape(Self.describe(range))) · preview by druidwatch dashboards preview</p></div>

        """
        for (index, widget) in widgets.enumerated() {
            let box = frame(of: widget)
            html += ##"<div class="widget \##(widget.content.typeName)" id="widget-\##(index)" style="left:\##(Int(box.x))px;top:\##(Int(box.y))px;width:\##(Int(box.width))px;height:\##(Int(box.height))px"><div class="box">"##
            switch widget.content {
            case let .metric(metric):
                let widgetData = data[index] ?? WidgetData(lines: [], notes: ["not read"])
                html += ##"<div class="title">\##(HTMLText.escape(metric.title ?? ""))</div>"##
                let noteHeight = widgetData.notes.isEmpty ? 0.0 : 14.0
                let chart = SVGLineChart(
                    width: box.width - padding - 2, height: box.height - padding - 2 - titleHeight - noteHeight,
                    range: range, series: widgetData.lines, annotations: metric.annotations?.horizontal ?? [],
                    leftAxis: metric.yAxis?.left, rightAxis: metric.yAxis?.right
                )
                html += chart.svg
                if !widgetData.notes.isEmpty {
                    html += ##"<div class="notes">\##(HTMLText.escape(widgetData.notes.joined(separator: "; ")))</div>"##
                }
            case let .text(text):
                html += ##"<div class="text">\##(MarkdownHTML.render(text.markdown))</div>"##
            case let .alarmStatus(alarms):
                html += ##"<div class="title">\##(HTMLText.escape(alarms.title ?? "Alarms"))</div><ul class="alarms">"##
                for arn in alarms.alarms {
                    html += "<li>" + HTMLText.escape(arn.components(separatedBy: ":alarm:").last ?? arn) + "</li>"
                }
                html += "</ul>"
            }
            html += "</div></div>\n"
        }
        return html + "</div></body></html>\n"
    }

    static func describe(_ range: ClosedRange<Date>) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return "\(formatter.string(from: range.lowerBound)) to \(formatter.string(from: range.upperBound)) (UTC)"
    }
}
