/// What makes two samples part of the same CloudWatch series within a period.
/// Dimensions are kept sorted by name because CloudWatch treats them as a set.
public struct SeriesKey: Sendable, Hashable {
    public var name: String
    public var dimensions: [MetricDimension]
    public var unit: MetricUnit
    public var kind: SampleKind

    public init(name: String, dimensions: [MetricDimension], unit: MetricUnit, kind: SampleKind) {
        self.name = name
        self.dimensions = dimensions.sorted()
        self.unit = unit
        self.kind = kind
    }

    public init(_ sample: Sample) {
        self.init(name: sample.name, dimensions: sample.dimensions, unit: sample.unit, kind: sample.kind)
    }
}
