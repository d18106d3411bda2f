import DruidWatchCore

/// The pieces of the agent's pipeline that follow from the configuration alone. The
/// agent builds them here, and so does the cost estimate, so that it counts what the
/// agent publishes.
extension AgentConfig {
    public var aggregationPlan: AggregationPlan {
        AggregationPlan(
            periodSeconds: Int(period.components.seconds),
            highResolution: aggregation.highResolution.map {
                AggregationPlan.HighResolution(periodSeconds: Int($0.period.components.seconds), metrics: $0.metrics)
            },
            rollups: aggregation.rollups.map {
                AggregationPlan.RollupRule(metrics: $0.metrics, rollup: DimensionRollup($0.dimensionSets, keepsOriginal: $0.keepOriginal))
            }
        )
    }

    public var druidEventMapper: DruidEventMapper {
        let emitter = sources.druidEmitter
        return DruidEventMapper(
            catalog: .druidStandard,
            unknownMetrics: DruidEventMapper.UnknownMetricPolicy(rawValue: emitter.unknownMetrics) ?? .drop,
            extraDimensions: emitter.extraDimensions,
            allowedHighCardinality: Set(emitter.allowHighCardinality),
            naming: naming == .awsSolution ? .awsSolution : .druidwatch
        )
    }
}
