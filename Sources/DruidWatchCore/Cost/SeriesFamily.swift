/// One metric as one source produces it on one instance, with how many distinct values
/// each of its own dimensions takes there: the unit the cost estimate multiplies out.
struct SeriesFamily: Sendable {
    var source: CostSource
    var metric: String
    /// The sample's own dimension names, in the source's order.
    var dimensions: [String]
    /// Dimensions whose value is the same for the whole family (`Service`).
    var fixedValues: [String: String] = [:]
    /// Distinct values of each non-fixed dimension on one instance.
    var valueCounts: [String: Int] = [:]
    /// Where a dimension's values come from, when two sources name the same thing
    /// differently: series of the same metric and dimension names are the same series
    /// only when their values come from the same domain.
    var valueDomains: [String: String] = [:]
    func placeholder(for dimension: String) -> String {
        if let fixed = fixedValues[dimension] { return fixed }
        return valueDomains[dimension].map { "<\(dimension) from \($0)>" } ?? "<\(dimension)>"
    }

    /// Published by the leader instance only.
    var leaderOnly = false
    /// Dimensions that together take at most `cap` value combinations per instance
    /// (a peon runs one task, for one dataSource and task type, at a time).
    var jointCap: (names: Set<String>, cap: Int)?

    /// Distinct combinations of the family's own dimensions among `names` (other names,
    /// the common ones, take one value each here), summed over `instances` instances
    /// whose values coincide except where a joint cap bounds them per instance.
    func combinations(of names: [String], instances: Int) -> Int {
        let present = Set(names)
        // A value per query or task decides the query's or task's dataSource, type and
        // the rest: the id alone sets the count.
        let unbounded = names.filter { AssumedCardinalities.unboundedDimensions.contains($0) && fixedValues[$0] == nil }
        if !unbounded.isEmpty {
            return unbounded.map { valueCounts[$0] ?? 1 }.max() ?? 1
        }
        var free = 1
        var capped = 1
        for name in names where fixedValues[name] == nil {
            guard let count = valueCounts[name] else { continue }
            if let determiner = AssumedCardinalities.determinedBy[name], present.contains(determiner) { continue }
            if let jointCap, jointCap.names.contains(name) {
                capped = Self.saturatingProduct(capped, count)
            } else {
                free = Self.saturatingProduct(free, count)
            }
        }
        if let jointCap, !present.isDisjoint(with: jointCap.names) {
            capped = min(capped, Self.saturatingProduct(jointCap.cap, max(1, instances)))
        }
        return Self.saturatingProduct(free, capped)
    }

    /// Products of assumed counts stay far below this; a wild override must not trap.
    static func saturatingProduct(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max / 4 : product
    }
}
