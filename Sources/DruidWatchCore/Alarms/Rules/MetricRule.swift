/// What a metric rule reads and how it judges it: one metric, or up to ten combined by
/// an expression; fanned out by `groupBy`, the series of one group combined by `across`.
public struct MetricRule: Sendable, Hashable {
    /// By id, in file order. A single-metric rule has one, with id `m1`.
    public var metrics: [RuleMetricQuery]
    /// nil for a single-metric rule.
    public var expression: MetricExpression?
    /// Dimension names whose values make one alarm state each.
    public var groupBy: [String]
    public var across: SeriesCombination
    public var configuration: MetricAlarmConfiguration
    /// A dead-man rule: fires when a group (or the whole rule) stops reporting.
    public var isDeadMan: Bool
    /// A group silent this long is forgotten (a scaled-in instance stops counting).
    public var forgetAfterSeconds: Int

    public init(
        metrics: [RuleMetricQuery], expression: MetricExpression? = nil, groupBy: [String] = [],
        across: SeriesCombination = .maximum, configuration: MetricAlarmConfiguration,
        isDeadMan: Bool = false, forgetAfterSeconds: Int = 86_400
    ) {
        self.metrics = metrics
        self.expression = expression
        self.groupBy = groupBy
        self.across = across
        self.configuration = configuration
        self.isDeadMan = isDeadMan
        self.forgetAfterSeconds = forgetAfterSeconds
    }

    public var periodSeconds: Int { configuration.periodSeconds }
}

/// One metric a rule reads: namespace, name, statistic and the dimensions a series must carry.
public struct RuleMetricQuery: Sendable, Hashable {
    /// Starts with a lower-case letter; letters, digits, underscores (MetricDataQuery `Id`).
    public var id: String
    public var namespace: String
    public var metricName: String
    public var statistic: AlarmStatistic
    public var unit: MetricUnit?
    public var dimensions: [DimensionMatcher]

    public init(id: String, namespace: String, metricName: String, statistic: AlarmStatistic, unit: MetricUnit? = nil, dimensions: [DimensionMatcher] = []) {
        self.id = id
        self.namespace = namespace
        self.metricName = metricName
        self.statistic = statistic
        self.unit = unit
        self.dimensions = dimensions
    }

    /// Whether a series of CloudWatch is one this query reads.
    public func matches(_ series: MetricIdentity) -> Bool {
        guard series.namespace == namespace, series.metricName == metricName else { return false }
        return dimensions.allSatisfy { matcher in
            series.dimensions.contains { $0.name == matcher.name && (matcher.value == nil || matcher.value == $0.value) }
        }
    }

    /// The fixed dimensions (no wildcard): what ListMetrics can filter on.
    public var fixedDimensions: [MetricDimension] {
        dimensions.compactMap { matcher in matcher.value.map { MetricDimension(matcher.name, $0) } }
    }
}

/// A dimension a series must carry: with this value, or any value (`*`).
public struct DimensionMatcher: Sendable, Hashable {
    public var name: String
    /// nil matches any value.
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// How the series of one group become one value per period.
public enum SeriesCombination: String, Sendable, Hashable, CaseIterable, Codable {
    case maximum = "max"
    case minimum = "min"
    case sum
    case average

    public func combine(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch self {
        case .maximum: return values.max()
        case .minimum: return values.min()
        case .sum: return values.reduce(0, +)
        case .average: return values.reduce(0, +) / Double(values.count)
        }
    }
}
