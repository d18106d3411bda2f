/// How samples are aggregated beyond the period: which metrics get a high-resolution
/// period of their own, and at which extra dimension sets each metric is published.
public struct AggregationPlan: Sendable, Hashable {
    /// The period every metric is aggregated over unless it is high-resolution.
    public var periodSeconds: Int
    public var highResolution: HighResolution?
    /// The first rule whose metric patterns match a sample decides its rollups; a sample
    /// no rule matches is published as it is.
    public var rollups: [RollupRule]

    /// Metrics aggregated over a sub-minute period and stored by CloudWatch at one-second
    /// resolution (`StorageResolution=1`, billed as high-resolution).
    public struct HighResolution: Sendable, Hashable {
        public var periodSeconds: Int
        public var metrics: GlobList

        public init(periodSeconds: Int, metrics: [String]) {
            self.periodSeconds = periodSeconds
            self.metrics = GlobList(metrics)
        }
    }

    public struct RollupRule: Sendable, Hashable {
        public var metrics: GlobList
        public var rollup: DimensionRollup

        public init(metrics: [String] = ["*"], rollup: DimensionRollup) {
            self.metrics = GlobList(metrics)
            self.rollup = rollup
        }
    }

    public init(periodSeconds: Int, highResolution: HighResolution? = nil, rollups: [RollupRule] = []) {
        precondition(periodSeconds > 0, "period must be positive")
        if let highResolution {
            precondition(
                highResolution.periodSeconds > 0 && highResolution.periodSeconds < periodSeconds && periodSeconds % highResolution.periodSeconds == 0,
                "a high-resolution period must divide the period"
            )
        }
        self.periodSeconds = periodSeconds
        self.highResolution = highResolution
        self.rollups = rollups
    }

    /// The finest period of the plan: what a batch is folded over before it reaches the
    /// aggregators, each of which re-aligns it to its own period.
    public var finestPeriodSeconds: Int { highResolution?.periodSeconds ?? periodSeconds }

    /// What the plan does with one metric name.
    public struct Route: Sendable, Hashable {
        public var highResolution: Bool
        /// Nil when no rule matches: the sample as it is.
        public var rollup: DimensionRollup?
    }

    public func route(metricName: String) -> Route {
        Route(
            highResolution: highResolution?.metrics.matches(metricName) ?? false,
            rollup: rollups.first { $0.metrics.matches(metricName) }?.rollup
        )
    }
}
