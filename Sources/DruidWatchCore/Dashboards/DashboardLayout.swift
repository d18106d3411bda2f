/// Places widgets on CloudWatch's 24-column grid left to right, starting a new row when
/// the next one does not fit, so that the dashboards say what goes beside what and the
/// coordinates follow.
public struct DashboardLayout: Sendable {
    public static let columns = 24

    public private(set) var widgets: [DashboardWidget] = []
    private var x = 0
    private var rowTop = 0
    private var rowBottom = 0

    public init() {}

    public mutating func place(_ content: WidgetContent, width: Int, height: Int) {
        if x + width > Self.columns { newRow() }
        widgets.append(DashboardWidget(x: x, y: rowTop, width: width, height: height, content: content))
        x += width
        rowBottom = max(rowBottom, rowTop + height)
    }

    /// The next widget starts at the left edge below everything placed so far.
    public mutating func newRow() {
        x = 0
        rowTop = rowBottom
    }
}
