/// One widget on the 24-column grid (reference §2.2) and what it shows.
public struct DashboardWidget: Sendable, Equatable, Encodable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public var content: WidgetContent

    public init(x: Int, y: Int, width: Int, height: Int, content: WidgetContent) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.content = content
    }

    /// What names the widget in validation errors: its title, or its kind and position.
    public var displayName: String {
        let title: String? = switch content {
        case let .metric(widget): widget.title
        case let .alarmStatus(widget): widget.title
        case .text: nil
        }
        return title.map { "\"\($0)\"" } ?? "\(content.typeName) widget at x=\(x) y=\(y)"
    }

    enum CodingKeys: String, CodingKey {
        case type, x, y, width, height, properties
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(content.typeName, forKey: .type)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        switch content {
        case let .metric(widget): try container.encode(widget, forKey: .properties)
        case let .text(widget): try container.encode(widget, forKey: .properties)
        case let .alarmStatus(widget): try container.encode(widget, forKey: .properties)
        }
    }
}

/// The widget types druidwatch draws (`log` and `explorer` it has no use for).
public enum WidgetContent: Sendable, Equatable {
    case metric(MetricWidget)
    case text(TextWidget)
    case alarmStatus(AlarmStatusWidget)

    /// The `type` field.
    public var typeName: String {
        switch self {
        case .metric: "metric"
        case .text: "text"
        case .alarmStatus: "alarm"
        }
    }
}
