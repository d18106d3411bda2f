/// Dimension rollups, like the CloudWatch agent's `aggregation_dimensions`: for each
/// configured dimension set that a sample's dimensions cover, the sample is also emitted
/// with only that set's dimensions (in the set's order), so that CloudWatch aggregates it
/// across the dimensions left out. An empty set (`[]`) rolls up to no dimensions at all.
///
/// As the agent does, the sample is first emitted as it is (unless `keepsOriginal` is
/// false), and a rollup is not emitted twice into the same series: sets naming the same
/// dimensions, and sets that would reproduce the sample's own dimensions, count once.
/// An empty configuration means no rollup: the sample as it is.
public struct DimensionRollup: Sendable, Hashable {
    /// Configured sets, duplicates (same names in any order, or repeated names) removed.
    public let dimensionSets: [[String]]
    public let keepsOriginal: Bool

    public init(_ dimensionSets: [[String]], keepsOriginal: Bool = true) {
        var seen: Set<Set<String>> = []
        var unique: [[String]] = []
        for set in dimensionSets {
            var names: [String] = []
            for name in set where !names.contains(name) { names.append(name) }
            if seen.insert(Set(names)).inserted { unique.append(names) }
        }
        self.dimensionSets = unique
        self.keepsOriginal = keepsOriginal
    }

    public var isEmpty: Bool { dimensionSets.isEmpty }

    /// The sample's dimension lists to emit, the sample's own first (if kept).
    public func dimensionLists(for dimensions: [MetricDimension]) -> [[MetricDimension]] {
        if dimensionSets.isEmpty { return [dimensions] }
        var values: [String: String] = [:]
        for dimension in dimensions where values[dimension.name] == nil {
            values[dimension.name] = dimension.value
        }
        let own = Set(dimensions)
        var lists: [[MetricDimension]] = keepsOriginal ? [dimensions] : []
        for set in dimensionSets {
            var projected: [MetricDimension] = []
            for name in set {
                guard let value = values[name] else { break }
                projected.append(MetricDimension(name, value))
            }
            guard projected.count == set.count else { continue }
            if keepsOriginal, Set(projected) == own, projected.count == dimensions.count { continue }
            lists.append(projected)
        }
        return lists
    }

    /// The sample once per emitted dimension list.
    public func apply(to sample: Sample) -> [Sample] {
        if dimensionSets.isEmpty { return [sample] }
        return dimensionLists(for: sample.dimensions).map { dimensions in
            var rolled = sample
            rolled.dimensions = dimensions
            return rolled
        }
    }
}
