/// The top level of a dashboard body (reference §2.1).
public struct DashboardBody: Sendable, Equatable, Encodable {
    public var widgets: [DashboardWidget]
    public var variables: [DashboardVariable]
    /// Relative (`-PT3H`, `-P1D`) or absolute ISO 8601.
    public var start: String?
    public var periodOverride: PeriodOverride?

    public enum PeriodOverride: String, Sendable, Equatable, Encodable {
        case auto
        case inherit
    }

    public init(widgets: [DashboardWidget], variables: [DashboardVariable] = [], start: String? = nil, periodOverride: PeriodOverride? = nil) {
        self.widgets = widgets
        self.variables = variables
        self.start = start
        self.periodOverride = periodOverride
    }

    enum CodingKeys: String, CodingKey {
        case widgets, variables, start, periodOverride
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(widgets, forKey: .widgets)
        if !variables.isEmpty { try container.encode(variables, forKey: .variables) }
        try container.encodeIfPresent(start, forKey: .start)
        try container.encodeIfPresent(periodOverride, forKey: .periodOverride)
    }
}
