import DruidWatchCore
import Foundation

/// The settings check-config warns about because they would multiply the CloudWatch
/// bill: dimensions with a value per query, task or segment, kept or rolled up to, and a
/// configuration whose estimated bill is several times the default configuration's on
/// the same fleet. Warnings, not errors: each can be what an operator wants.
enum CostWarnings {
    /// An estimated bill past this multiple of the default configuration's is flagged.
    static let billMultiple = 3.0

    static func warnings(for config: AgentConfig, lines: [String: Int], file: String) -> [ConfigIssue] {
        var warnings: [ConfigIssue] = []
        func warn(_ field: String, _ message: String) {
            warnings.append(ConfigIssue(file: file, line: lines[field] ?? 1, field: field, message: "warning: " + message))
        }
        let emitter = config.sources.druidEmitter
        let allowed = Set(emitter.allowHighCardinality)
        let estimate = CostEstimator.estimate(config.costModel())
        let prefix = "sources.druid_emitter"

        var keptSomewhere: Set<String> = []
        for metric in emitter.extraDimensions.keys.sorted() {
            for (index, dimension) in (emitter.extraDimensions[metric] ?? []).enumerated()
            where AssumedCardinalities.unboundedDimensions.contains(dimension) {
                let field = "\(prefix).extra_dimensions.\(metric)[\(index)]"
                let gated = MetricCatalog.highCardinalityDimensions.contains(dimension)
                guard !gated || allowed.contains(dimension) else {
                    warn(field, "'\(dimension)' is dropped: it has a value per query, task or segment and is not in allow_high_cardinality (listing it there makes one CloudWatch metric per value)")
                    continue
                }
                keptSomewhere.insert(dimension)
                var without = config
                without.sources.druidEmitter.extraDimensions[metric]?.removeAll { $0 == dimension }
                let added = estimate.distinctMetrics - CostEstimator.estimate(without.costModel()).distinctMetrics
                warn(field, "keeps '\(dimension)' on \(metric), a value per query, task or segment: about \(CostFormatting.count(added)) more CloudWatch metrics "
                    + "at the assumed \(CostFormatting.count(config.cost.cardinalities.highCardinalityValues)) values an hour (see druidwatch cost)")
            }
        }
        for (index, dimension) in emitter.allowHighCardinality.enumerated()
        where AssumedCardinalities.unboundedDimensions.contains(dimension) && !keptSomewhere.contains(dimension) {
            warn("\(prefix).allow_high_cardinality[\(index)]", "opts in to '\(dimension)', a value per query, task or segment: any extra_dimensions entry that keeps it makes one CloudWatch metric per value")
        }
        for (ruleIndex, rule) in config.aggregation.rollups.enumerated() {
            for (setIndex, set) in rule.dimensionSets.enumerated() {
                for dimension in set where AssumedCardinalities.unboundedDimensions.contains(dimension) {
                    warn("aggregation.rollups[\(ruleIndex)].dimension_sets[\(setIndex)]", "rolls up to '\(dimension)', a value per query, task or segment: one CloudWatch metric per value")
                }
            }
        }

        var baseline = AgentConfig()
        baseline.cluster = config.cluster
        baseline.cost = config.cost
        let usual = CostEstimator.estimate(baseline.costModel())
        if usual.totalUSDPerMonth > 0, estimate.totalUSDPerMonth > billMultiple * usual.totalUSDPerMonth {
            let drivers = estimate.topMetrics.prefix(3).map { "\($0.name) (\(CostFormatting.count($0.metrics)))" }.joined(separator: ", ")
            warnings.append(ConfigIssue(
                file: file, line: 1, field: "(estimate)",
                message: "warning: estimated \(CostFormatting.dollars(estimate.totalUSDPerMonth)) a month for \(CostFormatting.count(estimate.distinctMetrics)) metrics on the cost section's fleet, "
                    + String(format: "%.1f", estimate.totalUSDPerMonth / usual.totalUSDPerMonth) + "× the default configuration's \(CostFormatting.dollars(usual.totalUSDPerMonth)); "
                    + "most metrics: \(drivers) (see druidwatch cost)"
            ))
        }
        return warnings.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
    }
}
