/// What makes two samples part of the same CloudWatch series within a period.
/// Dimensions are kept sorted by name because CloudWatch treats them as a set.
///
/// The hash is computed once, when the key is made: a key is hashed at least twice per
/// sample (find, then insert), and hashing every string of it is most of the cost of
/// aggregating a Druid event.
public struct SeriesKey: Sendable, Hashable {
    public let name: String
    public let dimensions: [MetricDimension]
    public let unit: MetricUnit
    public let kind: SampleKind
    private let precomputedHash: Int

    public init(name: String, dimensions: [MetricDimension], unit: MetricUnit, kind: SampleKind) {
        self.name = name
        let sorted = zip(dimensions, dimensions.dropFirst()).allSatisfy { $0 <= $1 } ? dimensions : dimensions.sorted()
        self.dimensions = sorted
        self.unit = unit
        self.kind = kind
        var hasher = Hasher()
        hasher.combine(name)
        hasher.combine(sorted)
        hasher.combine(unit)
        hasher.combine(kind)
        self.precomputedHash = hasher.finalize()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(precomputedHash)
    }

    public static func == (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        lhs.precomputedHash == rhs.precomputedHash && lhs.name == rhs.name && lhs.unit == rhs.unit
            && lhs.kind == rhs.kind && lhs.dimensions == rhs.dimensions
    }

    public init(_ sample: Sample) {
        self.init(name: sample.name, dimensions: sample.dimensions, unit: sample.unit, kind: sample.kind)
    }
}
