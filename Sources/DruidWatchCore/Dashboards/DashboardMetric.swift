/// One row of a metric widget's `metrics` array (reference §2.4): a metric
/// (`[Namespace, MetricName, DimName, DimValue, ..., {options}]`, where a later row may
/// write `"."` to repeat the value at the same position of the row before) or an
/// expression (math, `SEARCH`, Metrics Insights) as `[{expression, id, ...}]`.
public enum DashboardMetric: Sendable, Equatable, Encodable {
    case metric(namespace: String, name: String, dimensions: [MetricDimension], options: RenderingOptions = RenderingOptions())
    case expression(String, options: RenderingOptions)

    /// The shorthand for "the same as the row before, at this position".
    public static let repeated = "."

    public enum Axis: String, Sendable, Equatable, Encodable {
        case left, right
    }

    /// Rendering properties of one row.
    public struct RenderingOptions: Sendable, Equatable, Encodable {
        /// Must start with a lowercase letter; unique in the widget.
        public var id: String?
        public var label: String?
        /// Six hexadecimal digits after `#`.
        public var color: String?
        public var stat: String?
        public var period: Int?
        public var visible: Bool?
        public var yAxis: Axis?
        public var region: String?

        public init(id: String? = nil, label: String? = nil, color: String? = nil, stat: String? = nil, period: Int? = nil, visible: Bool? = nil, yAxis: Axis? = nil, region: String? = nil) {
            self.id = id
            self.label = label
            self.color = color
            self.stat = stat
            self.period = period
            self.visible = visible
            self.yAxis = yAxis
            self.region = region
        }

        var isEmpty: Bool { self == RenderingOptions() }

        enum CodingKeys: String, CodingKey {
            case id, label, color, stat, period, visible, yAxis, region, expression
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try encodeFields(into: &container)
        }

        func encodeFields(into container: inout KeyedEncodingContainer<CodingKeys>) throws {
            try container.encodeIfPresent(id, forKey: .id)
            try container.encodeIfPresent(label, forKey: .label)
            try container.encodeIfPresent(color, forKey: .color)
            try container.encodeIfPresent(stat, forKey: .stat)
            try container.encodeIfPresent(period, forKey: .period)
            try container.encodeIfPresent(visible, forKey: .visible)
            try container.encodeIfPresent(yAxis, forKey: .yAxis)
            try container.encodeIfPresent(region, forKey: .region)
        }
    }

    public var options: RenderingOptions {
        switch self {
        case let .metric(_, _, _, options), let .expression(_, options): options
        }
    }

    /// The expression of an expression row.
    public var expression: String? {
        if case let .expression(text, _) = self { return text }
        return nil
    }

    /// The strings of a metric row in order: namespace, name, then each dimension's name and value.
    var positionalValues: [String] {
        guard case let .metric(namespace, name, dimensions, _) = self else { return [] }
        return [namespace, name] + dimensions.flatMap { [$0.name, $0.value] }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        switch self {
        case let .metric(_, _, _, options):
            for value in positionalValues { try container.encode(value) }
            if !options.isEmpty { try container.encode(options) }
        case let .expression(text, options):
            try container.encode(ExpressionObject(expression: text, options: options))
        }
    }

    /// `{"expression": ..., "id": ..., ...}`: the expression beside its rendering options.
    private struct ExpressionObject: Encodable {
        var expression: String
        var options: RenderingOptions

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: RenderingOptions.CodingKeys.self)
            try options.encodeFields(into: &container)
            try container.encode(expression, forKey: .expression)
        }
    }
}
