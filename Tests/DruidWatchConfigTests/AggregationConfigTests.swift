import DruidWatchConfig
import Testing

/// `aggregation:` high-resolution metrics and dimension rollups.
@Suite struct AggregationConfigTests {
    @Test func highResolutionAndRollupsAreRead() throws {
        let config = try AgentConfigLoader.parse(yaml: """
            aggregation:
              high_resolution:
                period: 10s
                metrics: ["query/time", "jvm/gc/*"]
              rollups:
                - metrics: ["query/*"]
                  dimension_sets: [[Cluster, Service], [Cluster, Service, dataSource]]
                - dimension_sets: [[Cluster], []]
                  keep_original: false
            """, file: "agent.yaml")
        #expect(config.aggregation.highResolution == .init(period: .seconds(10), metrics: ["query/time", "jvm/gc/*"]))
        #expect(config.aggregation.rollups == [
            .init(metrics: ["query/*"], dimensionSets: [["Cluster", "Service"], ["Cluster", "Service", "dataSource"]]),
            .init(metrics: ["*"], dimensionSets: [["Cluster"], []], keepOriginal: false),
        ])
    }

    @Test func defaultsAreNoHighResolutionAndNoRollups() throws {
        let config = try AgentConfigLoader.parse(yaml: "cluster: c\n", file: "agent.yaml")
        #expect(config.aggregation.highResolution == nil)
        #expect(config.aggregation.rollups.isEmpty)
    }

    static let invalid: [InvalidCase] = [
        InvalidCase("aggregation:\n  high_resolution:\n    period: 15s\n    metrics: [query/time]\n",
                    "agent.yaml:3: aggregation.high_resolution.period: must be 1s, 5s, 10s or 30s (CloudWatch's high-resolution periods)"),
        InvalidCase("period: 30s\naggregation:\n  high_resolution:\n    period: 30s\n    metrics: [query/time]\n",
                    "agent.yaml:4: aggregation.high_resolution.period: must be shorter than period (30.0 seconds) and divide it exactly"),
        InvalidCase("aggregation:\n  high_resolution:\n    period: 10s\n",
                    "agent.yaml:3: aggregation.high_resolution: needs metrics: the metric names or patterns to publish at high resolution"),
        InvalidCase("aggregation:\n  rollups:\n    - metrics: [query/time]\n",
                    "agent.yaml:3: aggregation.rollups[0]: needs dimension_sets: a list of dimension name lists, such as [[Cluster, Service]]"),
        InvalidCase("aggregation:\n  rollups:\n    - dimension_sets: [[Cluster, Cluster]]\n",
                    "agent.yaml:3: aggregation.rollups[0].dimension_sets[0]: names a dimension twice"),
        InvalidCase("aggregation:\n  rollups:\n    - dimension_sets: Cluster\n",
                    "agent.yaml:3: aggregation.rollups[0].dimension_sets: expected a list"),
        InvalidCase("aggregation:\n  rollups:\n    - dimension_set: [[Cluster]]\n",
                    "agent.yaml:3: aggregation.rollups[0].dimension_set: unknown key 'dimension_set' (did you mean 'dimension_sets'?); allowed: metrics, dimension_sets, keep_original",
                    "agent.yaml:3: aggregation.rollups[0]: needs dimension_sets: a list of dimension name lists, such as [[Cluster, Service]]"),
    ]

    @Test(arguments: invalid)
    func invalidAggregation(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }
}
