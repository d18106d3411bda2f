import Foundation

/// Turns successive scrapes of Prometheus exporters into samples: what happened during
/// each interval for counters, the level for gauges.
///
/// **Counters** (and the `_sum` and `_count` of histograms and summaries) are totals
/// since the exporter started; each scrape after the first publishes the increase
/// since the previous scrape of the same target as a `.counter` sample. The first
/// scrape of a series only sets its baseline. A counter that went down was reset (the
/// process restarted): the new value is taken as the increase, as Prometheus'
/// `increase()` and `rate()` do, because the counter restarted from zero and
/// everything it counted since happened within the interval. (The alternative,
/// publishing nothing for that interval, loses the events since the restart, and the
/// figures would disagree with the user's Grafana.) Negative counters and NaN or ±Inf
/// values are dropped and counted; a series whose value was unusable keeps its
/// previous baseline.
///
/// **Gauges** and untyped metrics are published as they are, as `.gauge` samples.
///
/// **Names.** A family whose name Druid's prometheus-emitter produces for a catalog
/// entry (`MetricCatalog.druidName(forPrometheusName:namespace:)`; for a counter the
/// `_total` suffix that client libraries add is removed first when needed) is
/// published under its Druid name, in the catalog's unit (Druid's raw value times the
/// entry's `scale`), with only the catalog's dimensions for it. Any other family is
/// kept under its Prometheus name with all its labels but the high-cardinality ones
/// (`MetricCatalog.highCardinalityDimensions`), or dropped, per `unknownMetrics`.
/// Labels with an empty value are left out: Prometheus treats them as absent, and
/// CloudWatch refuses empty dimension values.
///
/// **Histograms and summaries** become two counters: `<name>/count` (observations in
/// the interval, unit Count) and `<name>/sum` (their total, in the catalog's unit);
/// for a metric outside the catalog, `<family>_count` and `<family>_sum`. Druid's
/// emitter observes timers in seconds (it divides by the metric's
/// `conversionFactor`), so a `_sum` is converted back to the catalog's time unit
/// (milliseconds for `query/time`). The mean of the interval is `sum / count`
/// (CloudWatch metric math); percentiles cannot be had from a classic histogram's
/// buckets without guessing, and publishing each bucket as a metric would multiply
/// the metric count by 14 (Druid's bucket count) for figures nobody alarms on, so
/// buckets are not published and not remembered. A summary's precomputed quantiles
/// are gauges, published (with a `quantile` dimension) only for metrics outside the
/// catalog, as Druid's emitter has no summaries. Creation timestamps (`_created`
/// families that client libraries expose beside counters and histograms) are skipped.
///
/// Sample timestamps in the exposition are ignored: every sample carries the time of
/// the scrape, like every other source's.
///
/// **Memory** is bounded: at most `maximumSeries` counter series are remembered, over
/// all targets. A scrape with more tracks the first `maximumSeries` in exposition
/// order; when targets together exceed the bound, the least recently scraped targets
/// are forgotten whole (their next scrape sets new baselines).
public struct PrometheusDeltas: Sendable {
    public enum UnknownMetrics: String, Sendable, Hashable {
        /// Published under the Prometheus name with their labels as dimensions.
        case keep
        /// Not published.
        case drop
    }

    public struct Options: Sendable {
        public var catalog: MetricCatalog
        /// The prometheus-emitter's `druid.emitter.prometheus.namespace`.
        public var namespace: String
        public var unknownMetrics: UnknownMetrics
        /// Counter series remembered across scrapes, over all targets.
        public var maximumSeries: Int

        public init(
            catalog: MetricCatalog = .druidStandard,
            namespace: String = "druid",
            unknownMetrics: UnknownMetrics = .drop,
            maximumSeries: Int = 50_000
        ) {
            self.catalog = catalog
            self.namespace = namespace
            self.unknownMetrics = unknownMetrics
            self.maximumSeries = maximumSeries
        }
    }

    public let options: Options
    private var targets: [String: TargetMemory] = [:]
    private var generation: UInt64 = 0

    private struct TargetMemory {
        var lastUpdate: UInt64
        var values: [ExposedSeries: Double]
    }

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Counter series remembered, over all targets.
    public var rememberedSeries: Int {
        targets.values.reduce(0) { $0 + $1.values.count }
    }

    /// Forgets `target`'s baselines (its next scrape publishes no counter).
    public mutating func forget(target: String) {
        targets[target] = nil
    }

    /// The samples of one successful scrape of `target` (any key identifying the
    /// exporter, such as its URL), each with `dimensions` added, stamped `timestamp`.
    /// Counter series absent from this scrape are forgotten.
    public mutating func samples(
        from families: [PrometheusMetricFamily],
        target: String,
        dimensions extra: [MetricDimension] = [],
        at timestamp: Date
    ) -> PrometheusConversion {
        generation += 1
        var run = Run(
            options: options,
            previous: targets[target]?.values ?? [:],
            extra: extra,
            timestamp: timestamp
        )
        let types = Dictionary(families.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        for family in families {
            if Self.isCreatedCompanion(family, types: types) {
                run.output.notPublished += family.samples.count
                continue
            }
            guard let mapping = mapping(for: family) else {
                run.output.unknownSamplesDropped += family.samples.count
                continue
            }
            for sample in family.samples {
                run.convert(sample, of: family, mapping: mapping)
            }
        }

        targets[target] = TargetMemory(lastUpdate: generation, values: run.current)
        var total = rememberedSeries
        if total > options.maximumSeries {
            let oldestFirst = targets.filter { $0.key != target }.sorted { $0.value.lastUpdate < $1.value.lastUpdate }
            for (name, memory) in oldestFirst where total > options.maximumSeries {
                targets[name] = nil
                total -= memory.values.count
                run.output.forgottenSeries += memory.values.count
            }
        }
        return run.output
    }

    // MARK: Names

    /// How a family is published: under a catalog entry, or (nil entry) as itself.
    fileprivate struct Mapping {
        var entry: MetricCatalogEntry?
    }

    private func mapping(for family: PrometheusMetricFamily) -> Mapping? {
        let catalog = options.catalog
        var druidName = catalog.druidName(forPrometheusName: family.name, namespace: options.namespace)
        if druidName == nil, family.type == .counter, family.name.hasSuffix("_total") {
            druidName = catalog.druidName(forPrometheusName: String(family.name.dropLast(6)), namespace: options.namespace)
        }
        if let druidName, let entry = catalog.entry(for: druidName) {
            return Mapping(entry: entry)
        }
        return options.unknownMetrics == .keep ? Mapping(entry: nil) : nil
    }

    /// `x_created`, a gauge or untyped family beside a counter, histogram or summary
    /// `x` (or counter `x_total`): client_java and client_golang expose the creation
    /// time of each series that way in the 0.0.4 format.
    private static func isCreatedCompanion(_ family: PrometheusMetricFamily, types: [String: PrometheusMetricType]) -> Bool {
        guard family.type == .gauge || family.type == .untyped, family.name.hasSuffix("_created") else { return false }
        let base = String(family.name.dropLast(8))
        for name in [base, base + "_total"] {
            if let type = types[name], type == .counter || type == .histogram || type == .summary { return true }
        }
        return false
    }
}

/// One scrape's conversion: the previous values, the new ones, the output.
private struct Run {
    let options: PrometheusDeltas.Options
    let previous: [ExposedSeries: Double]
    let extra: [MetricDimension]
    let timestamp: Date
    var current: [ExposedSeries: Double] = [:]
    var output = PrometheusConversion()

    init(options: PrometheusDeltas.Options, previous: [ExposedSeries: Double], extra: [MetricDimension], timestamp: Date) {
        self.options = options
        self.previous = previous
        self.extra = extra
        self.timestamp = timestamp
    }

    mutating func convert(_ sample: PrometheusSample, of family: PrometheusMetricFamily, mapping: PrometheusDeltas.Mapping) {
        let entry = mapping.entry
        let dimensions = dimensions(of: sample, entry: entry)
        switch (family.type, sample.role) {
        case (.counter, .value):
            counter(sample, name: entry?.name ?? sample.name, unit: entry?.unit ?? .none, factor: entry?.scale ?? 1, dimensions: dimensions)
        case (.gauge, .value), (.untyped, .value):
            gauge(sample.value, name: entry?.name ?? sample.name, unit: entry?.unit ?? .none, factor: entry?.scale ?? 1, dimensions: dimensions)
        case (.histogram, .count), (.summary, .count):
            counter(sample, name: entry.map { $0.name + "/count" } ?? sample.name, unit: .count, factor: 1, dimensions: dimensions)
        case (.histogram, .sum), (.summary, .sum):
            counter(sample, name: entry.map { $0.name + "/sum" } ?? sample.name, unit: entry?.unit ?? .none,
                    factor: entry.map(Self.fromSeconds) ?? 1, dimensions: dimensions)
        case let (.summary, .quantile(quantile)) where entry == nil:
            gauge(sample.value, name: sample.name, unit: .none, factor: 1,
                  dimensions: dimensions + [MetricDimension("quantile", Self.format(quantile))])
        default:
            output.notPublished += 1
        }
    }

    /// Druid's emitter observes timers in seconds; back to the catalog's unit.
    private static func fromSeconds(_ entry: MetricCatalogEntry) -> Double {
        switch entry.unit {
        case .seconds: 1
        case .milliseconds: 1_000
        case .microseconds: 1_000_000
        default: entry.scale
        }
    }

    private static func format(_ quantile: Double) -> String {
        quantile == quantile.rounded() ? String(Int(quantile)) : String(quantile)
    }

    private func dimensions(of sample: PrometheusSample, entry: MetricCatalogEntry?) -> [MetricDimension] {
        var dimensions: [MetricDimension] = []
        let extraNames = Set(extra.map(\.name))
        if let entry {
            for name in entry.dimensions where !extraNames.contains(name) {
                if let value = sample.label(name), !value.isEmpty { dimensions.append(MetricDimension(name, value)) }
            }
        } else {
            for label in sample.labels
            where !label.value.isEmpty && !MetricCatalog.highCardinalityDimensions.contains(label.name) && !extraNames.contains(label.name) {
                dimensions.append(MetricDimension(label.name, label.value))
            }
        }
        return dimensions + extra
    }

    private mutating func gauge(_ value: Double, name: String, unit: MetricUnit, factor: Double, dimensions: [MetricDimension]) {
        let scaled = value * factor
        guard scaled.isFinite else {
            output.nonFiniteValues += 1
            return
        }
        output.samples.append(Sample(name: name, dimensions: dimensions, value: scaled, unit: unit, kind: .gauge, timestamp: timestamp))
    }

    private mutating func counter(_ sample: PrometheusSample, name: String, unit: MetricUnit, factor: Double, dimensions: [MetricDimension]) {
        let key = ExposedSeries(name: sample.name, labels: sample.labels.sorted())
        guard current[key] == nil else {
            output.duplicateSeries += 1
            return
        }
        let value = sample.value
        guard value.isFinite, value >= 0 else {
            if value.isFinite { output.negativeCounterValues += 1 } else { output.nonFiniteValues += 1 }
            if let old = previous[key], current.count < options.maximumSeries { current[key] = old }
            return
        }
        guard current.count < options.maximumSeries else {
            output.untrackedSeries += 1
            return
        }
        current[key] = value
        guard let old = previous[key] else { return }  // first sighting: the baseline
        var increase = value - old
        if value < old {
            output.counterResets += 1
            increase = value
        }
        let scaled = increase * factor
        guard scaled.isFinite else {
            output.nonFiniteValues += 1
            return
        }
        output.samples.append(Sample(name: name, dimensions: dimensions, value: scaled, unit: unit, kind: .counter, timestamp: timestamp))
    }
}

/// A counter series within one target: its exposed name and sorted labels.
private struct ExposedSeries: Hashable, Sendable {
    var name: String
    var labels: [PrometheusSample.Label]
}
