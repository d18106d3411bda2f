import Foundation

/// One observation from a source, before aggregation. Everything downstream of the
/// sources (aggregation, batching, sinks) works on samples and never on source formats.
public struct Sample: Sendable, Hashable {
    public var name: String
    public var dimensions: [MetricDimension]
    public var value: Double
    public var unit: MetricUnit
    public var kind: SampleKind
    public var timestamp: Date

    public init(
        name: String,
        dimensions: [MetricDimension] = [],
        value: Double,
        unit: MetricUnit = .none,
        kind: SampleKind,
        timestamp: Date
    ) {
        self.name = name
        self.dimensions = dimensions
        self.value = value
        self.unit = unit
        self.kind = kind
        self.timestamp = timestamp
    }
}

/// How a sample's values combine within one period.
public enum SampleKind: String, Sendable, Hashable, CaseIterable {
    /// An amount that happened during the interval (bytes sent, events processed):
    /// values within a period are summed.
    case counter
    /// A level observed at an instant (heap used, CPU %): a period keeps count, sum,
    /// minimum and maximum.
    case gauge
    /// A distribution of individual measurements (query time): a period keeps the
    /// values so that CloudWatch can compute percentiles.
    case timer
}
