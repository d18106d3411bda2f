import Foundation

/// One entry of a GetMetricData request: either a metric with a statistic or a
/// metric-math expression over other entries.
public struct MetricDataQuery: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case metric(MetricIdentity, periodSeconds: Int, stat: String, unit: MetricUnit?)
        case expression(String, periodSeconds: Int?)
    }

    /// Starts with a lower-case letter; letters, digits and underscores.
    public var id: String
    public var source: Source
    public var label: String?
    public var returnData: Bool

    public init(id: String, source: Source, label: String? = nil, returnData: Bool = true) {
        self.id = id
        self.source = source
        self.label = label
        self.returnData = returnData
    }
}

/// One series of a GetMetricData answer, oldest point first.
public struct MetricDataResult: Sendable, Hashable {
    public var id: String
    public var label: String
    public var statusCode: String
    public var points: [MetricPoint]

    public init(id: String, label: String, statusCode: String, points: [MetricPoint]) {
        self.id = id
        self.label = label
        self.statusCode = statusCode
        self.points = points
    }
}

public struct MetricPoint: Sendable, Hashable {
    public var timestamp: Date
    public var value: Double

    public init(timestamp: Date, value: Double) {
        self.timestamp = timestamp
        self.value = value
    }
}
