import Foundation

/// One entry of a PutMetricData request: a metric, its dimensions, and one period's
/// value in one of the three shapes CloudWatch accepts.
public struct MetricDatum: Sendable, Hashable {
    public var metricName: String
    public var dimensions: [MetricDimension]
    public var timestamp: Date
    public var value: MetricDatumValue
    public var unit: MetricUnit
    /// 1 for high-resolution metrics, 60 for standard ones.
    public var storageResolution: Int

    public init(
        metricName: String,
        dimensions: [MetricDimension],
        timestamp: Date,
        value: MetricDatumValue,
        unit: MetricUnit,
        storageResolution: Int = 60
    ) {
        self.metricName = metricName
        self.dimensions = dimensions
        self.timestamp = timestamp
        self.value = value
        self.unit = unit
        self.storageResolution = storageResolution
    }
}

public enum MetricDatumValue: Sendable, Hashable {
    case single(Double)
    case statistics(StatisticSet)
    /// Distinct values and how often each occurred; CloudWatch computes percentiles
    /// from these. At most 150 pairs per datum.
    case distribution(values: [Double], counts: [Double])
}

/// `StatisticValues` of PutMetricData.
public struct StatisticSet: Sendable, Hashable {
    public var sampleCount: Double
    public var sum: Double
    public var minimum: Double
    public var maximum: Double

    public init(sampleCount: Double, sum: Double, minimum: Double, maximum: Double) {
        self.sampleCount = sampleCount
        self.sum = sum
        self.minimum = minimum
        self.maximum = maximum
    }
}
