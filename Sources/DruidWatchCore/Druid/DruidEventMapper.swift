import Foundation

/// Turns Druid metric events into samples: the catalog says each metric's kind, unit,
/// scale and which of its dimensions to keep; the policy says what to do with metrics
/// the catalog does not know and which high-cardinality dimensions an operator has
/// opted into. Every kept dimension is one more CloudWatch metric a month, so the
/// default keeps only what the catalog lists.
public struct DruidEventMapper: Sendable {
    public enum UnknownMetricPolicy: String, Sendable, CaseIterable {
        /// Not published (counted).
        case drop
        /// Published as a gauge with the service dimension only.
        case keepServiceOnly = "service_only"
    }

    /// How the metric and its service are named in CloudWatch.
    public struct Naming: Sendable, Equatable {
        public var serviceDimension: String

        public init(serviceDimension: String) {
            self.serviceDimension = serviceDimension
        }

        public static let druidwatch = Naming(serviceDimension: "Service")
        /// The AWS "Scalable Analytics Using Apache Druid" emitter's names, so that its
        /// dashboards and alarms keep working.
        public static let awsSolution = Naming(serviceDimension: "Druid.Service")
    }

    struct Resolved: Sendable {
        var kind: SampleKind
        var unit: MetricUnit
        var scale: Double
        var dimensions: [String]
    }

    public let unknownMetrics: UnknownMetricPolicy
    public let naming: Naming
    private let resolved: [String: Resolved]

    /// `extraDimensions` adds dimensions to a metric beyond the catalog's; dimensions in
    /// `MetricCatalog.highCardinalityDimensions` are kept only when listed in
    /// `allowedHighCardinality` too, because one per query or task id would mean one
    /// CloudWatch metric per query or task.
    public init(
        catalog: MetricCatalog,
        unknownMetrics: UnknownMetricPolicy = .drop,
        extraDimensions: [String: [String]] = [:],
        allowedHighCardinality: Set<String> = [],
        naming: Naming = .druidwatch
    ) {
        self.unknownMetrics = unknownMetrics
        self.naming = naming
        var resolved: [String: Resolved] = [:]
        func allowed(_ dimension: String) -> Bool {
            !MetricCatalog.highCardinalityDimensions.contains(dimension) || allowedHighCardinality.contains(dimension)
        }
        for entry in catalog.entries {
            var dimensions = entry.dimensions.filter(allowed)
            for extra in extraDimensions[entry.name] ?? [] where !dimensions.contains(extra) && allowed(extra) {
                dimensions.append(extra)
            }
            resolved[entry.name] = Resolved(kind: entry.kind, unit: entry.unit, scale: entry.scale, dimensions: dimensions)
        }
        for (metric, extras) in extraDimensions where resolved[metric] == nil {
            resolved[metric] = Resolved(kind: .gauge, unit: .none, scale: 1, dimensions: extras.filter(allowed))
        }
        self.resolved = resolved
    }

    /// The dimensions the parser should decode for `metric`; the rest it skips.
    public func keptDimensions(forMetric metric: String) -> [String] {
        resolved[metric]?.dimensions ?? []
    }

    public func isKnown(_ metric: String) -> Bool { resolved[metric] != nil }

    func resolvedEntry(for metric: String) -> Resolved? { resolved[metric] }

    /// nil when the metric is unknown and the policy drops unknown metrics.
    public func sample(from event: DruidMetricEvent) -> Sample? {
        let entry: Resolved
        if let known = resolved[event.metric] {
            entry = known
        } else if unknownMetrics == .keepServiceOnly {
            entry = Resolved(kind: .gauge, unit: .none, scale: 1, dimensions: [])
        } else {
            return nil
        }
        var dimensions: [MetricDimension] = []
        dimensions.reserveCapacity(event.dimensions.count + 1)
        dimensions.append(MetricDimension(naming.serviceDimension, event.service))
        for (name, value) in event.dimensions {
            dimensions.append(MetricDimension(name, value))
        }
        return Sample(
            name: event.metric,
            dimensions: dimensions,
            value: event.value * entry.scale,
            unit: entry.unit,
            kind: entry.kind,
            timestamp: Date(timeIntervalSince1970: event.timestamp)
        )
    }
}
