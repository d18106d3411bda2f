/// The samples of one metric, as the text format groups them: a counter, gauge or
/// untyped metric has one sample per label set; a histogram or summary has several
/// (`_bucket`, `_sum`, `_count`, quantiles) per label set.
public struct PrometheusMetricFamily: Sendable, Hashable {
    /// The name on the `# TYPE` line, or the sample's name for a family without one.
    public var name: String
    public var type: PrometheusMetricType
    /// The `# HELP` text, unescaped.
    public var help: String?
    /// In the order of the exposition.
    public var samples: [PrometheusSample]

    public init(name: String, type: PrometheusMetricType, help: String? = nil, samples: [PrometheusSample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.samples = samples
    }
}
