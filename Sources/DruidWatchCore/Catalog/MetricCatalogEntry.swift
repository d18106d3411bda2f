/// What druidwatch knows about one Druid metric: how its values combine, the
/// CloudWatch unit it is published in, and which of its dimensions become CloudWatch
/// dimensions.
public struct MetricCatalogEntry: Sendable, Hashable {
    /// Druid's spelling, e.g. `query/time`.
    public var name: String
    /// `.counter` for amounts since the previous emission (summed per period),
    /// `.gauge` for levels, `.timer` for one measurement per event (a distribution).
    public var kind: SampleKind
    /// The CloudWatch unit of the published value, i.e. after `scale`.
    public var unit: MetricUnit
    /// Multiply Druid's raw value by this to get a value in `unit`; 1 normally,
    /// 0.001 for nanoseconds published as microseconds, 100 for fractions published
    /// as percentages.
    public var scale: Double
    /// The dimensions kept as CloudWatch dimensions, in Druid's order. Others that an
    /// event carries are dropped.
    public var dimensions: [String]
    /// One line for people: what the metric measures and, when Druid documents it,
    /// its normal value.
    public var description: String

    public init(
        name: String,
        kind: SampleKind,
        unit: MetricUnit,
        scale: Double = 1,
        dimensions: [String] = [],
        description: String = ""
    ) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.scale = scale
        self.dimensions = dimensions
        self.description = description
    }
}
