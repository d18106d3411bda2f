/// The samples one scrape yielded through `PrometheusDeltas`, and what was left out.
public struct PrometheusConversion: Sendable, Hashable {
    public var samples: [Sample] = []
    /// Counter series that went down since the previous scrape: the exporter restarted.
    public var counterResets = 0
    /// NaN or ±Inf values, which CloudWatch cannot store: dropped.
    public var nonFiniteValues = 0
    /// Negative counter values, which the format does not allow: dropped.
    public var negativeCounterValues = 0
    /// Second and later samples of a series already seen in the same scrape: dropped.
    public var duplicateSeries = 0
    /// Counter series beyond `maximumSeries`: not remembered, so they yield nothing.
    public var untrackedSeries = 0
    /// Series forgotten (whole targets, least recently scraped first) to stay within
    /// `maximumSeries`.
    public var forgottenSeries = 0
    /// Samples of metrics outside the catalog, when those are dropped.
    public var unknownSamplesDropped = 0
    /// `_created` companions (creation timestamps of counters, histograms, summaries)
    /// and histogram buckets, which are never published.
    public var notPublished = 0

    public init() {}
}
