import Foundation

/// What an agent posts to the evaluator's direct feed: the datums it also sends to
/// PutMetricData, with the period they aggregate, so that rules on agent metrics are
/// evaluated without GetMetricData and without CloudWatch's ingestion delay.
///
/// JSON: `{"namespace": "...", "datums": [{"metricName", "dimensions": [{"name","value"}],
/// "timestamp" (epoch seconds, the period start), "periodSeconds", "value", "unit"}]}` where
/// `value` is `{"single": v}`, `{"sampleCount","sum","min","max"}` or `{"values","counts"}`.
/// Bounded as PutMetricData is: 1 MiB and 1000 datums per post.
public struct DirectFeedBatch: Sendable, Hashable {
    public static let maximumBytes = 1 << 20
    public static let maximumDatums = 1000
    /// As PutMetricData: at most 30 dimensions, 150 distinct values per distribution.
    public static let maximumDimensions = 30
    public static let maximumDistributionValues = 150

    public var namespace: String
    public var datums: [DirectFeedDatum]

    public init(namespace: String, datums: [DirectFeedDatum]) {
        self.namespace = namespace
        self.datums = datums
    }

    /// The agent's datums of one period, in posts within the bounds; non-finite values
    /// (which JSON cannot carry, and CloudWatch refuses) are left out.
    public static func batches(namespace: String, datums: [MetricDatum], periodSeconds: Int) -> [DirectFeedBatch] {
        let feedDatums = datums.map { DirectFeedDatum($0, periodSeconds: periodSeconds) }.filter { $0.validationError == nil }
        var batches: [DirectFeedBatch] = []
        var start = 0
        while start < feedDatums.count {
            var count = min(maximumDatums, feedDatums.count - start)
            // Halve until the encoding fits (150-value distributions are the large ones).
            while count > 1, (try? DirectFeedBatch(namespace: namespace, datums: Array(feedDatums[start..<start + count])).encoded().count) ?? Int.max > maximumBytes {
                count /= 2
            }
            batches.append(DirectFeedBatch(namespace: namespace, datums: Array(feedDatums[start..<start + count])))
            start += count
        }
        return batches
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(Wire(namespace: namespace, datums: datums.map(Wire.Datum.init)))
    }

    /// Reads a post. The batch as a whole must be JSON of the right shape and within the
    /// bounds; a datum that is malformed or invalid is skipped and counted, never the batch.
    public static func decode(_ data: Data) throws(DirectFeedDecodingError) -> DirectFeedDecoded {
        guard data.count <= maximumBytes else { throw .tooLarge(bytes: data.count) }
        let wire: LossyWire
        do {
            wire = try JSONDecoder().decode(LossyWire.self, from: data)
        } catch {
            throw .malformed(Self.describe(error))
        }
        guard !wire.namespace.isEmpty else { throw .malformed("namespace is empty") }
        guard wire.datums.count <= maximumDatums else { throw .tooManyDatums(wire.datums.count) }
        var decoded = DirectFeedDecoded(batch: DirectFeedBatch(namespace: wire.namespace, datums: []))
        for (index, element) in wire.datums.enumerated() {
            switch element.result {
            case let .success(datum):
                if let problem = datum.validationError {
                    decoded.skip(index: index, reason: problem)
                } else {
                    decoded.batch.datums.append(datum)
                }
            case let .failure(reason):
                decoded.skip(index: index, reason: reason.text)
            }
        }
        return decoded
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "missing \(path(context.codingPath + [key]))"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case let DecodingError.dataCorrupted(context):
            return context.codingPath.isEmpty ? "not JSON: \(context.debugDescription)" : "\(context.debugDescription) at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

/// A decoded post: the valid datums, and what was skipped.
public struct DirectFeedDecoded: Sendable, Hashable {
    public var batch: DirectFeedBatch
    public var skipped = 0
    /// The first few reasons, for the answer and the log.
    public var skipReasons: [String] = []

    public init(batch: DirectFeedBatch, skipped: Int = 0, skipReasons: [String] = []) {
        self.batch = batch
        self.skipped = skipped
        self.skipReasons = skipReasons
    }

    mutating func skip(index: Int, reason: String) {
        skipped += 1
        if skipReasons.count < 5 { skipReasons.append("datums[\(index)]: \(reason)") }
    }
}

public enum DirectFeedDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLarge(bytes: Int)
    case tooManyDatums(Int)
    case malformed(String)

    public var description: String {
        switch self {
        case let .tooLarge(bytes): "body of \(bytes) bytes is larger than \(DirectFeedBatch.maximumBytes)"
        case let .tooManyDatums(count): "\(count) datums; at most \(DirectFeedBatch.maximumDatums) per post"
        case let .malformed(reason): "malformed batch: \(reason)"
        }
    }
}

/// One period's value of one series, as the direct feed carries it.
public struct DirectFeedDatum: Sendable, Hashable {
    public var metricName: String
    public var dimensions: [MetricDimension]
    /// The period start, seconds since 1970.
    public var timestamp: Int
    public var periodSeconds: Int
    public var value: MetricDatumValue
    public var unit: MetricUnit

    public init(metricName: String, dimensions: [MetricDimension], timestamp: Int, periodSeconds: Int, value: MetricDatumValue, unit: MetricUnit = .none) {
        self.metricName = metricName
        self.dimensions = dimensions
        self.timestamp = timestamp
        self.periodSeconds = periodSeconds
        self.value = value
        self.unit = unit
    }

    public init(_ datum: MetricDatum, periodSeconds: Int) {
        self.init(
            metricName: datum.metricName, dimensions: datum.dimensions, timestamp: Int(datum.timestamp.timeIntervalSince1970.rounded(.down)),
            periodSeconds: periodSeconds, value: datum.value, unit: datum.unit
        )
    }

    public func identity(namespace: String) -> MetricIdentity {
        MetricIdentity(namespace: namespace, metricName: metricName, dimensions: dimensions.sorted())
    }

    /// Why the evaluator cannot use this datum; nil when it can.
    public var validationError: String? {
        if metricName.isEmpty || metricName.utf8.count > 255 { return "metricName must be 1 to 255 bytes" }
        if dimensions.count > DirectFeedBatch.maximumDimensions { return "more than \(DirectFeedBatch.maximumDimensions) dimensions" }
        if dimensions.contains(where: { $0.name.isEmpty || $0.value.isEmpty }) { return "a dimension has an empty name or value" }
        if Set(dimensions.map(\.name)).count != dimensions.count { return "a dimension name repeats" }
        if periodSeconds <= 0 || periodSeconds > 86_400 { return "periodSeconds must be 1 to 86400" }
        if timestamp % periodSeconds != 0 { return "timestamp \(timestamp) is not a start of a \(periodSeconds) s period" }
        switch value {
        case let .single(v):
            if !v.isFinite { return "value is not finite" }
        case let .statistics(set):
            if ![set.sampleCount, set.sum, set.minimum, set.maximum].allSatisfy(\.isFinite) { return "a statistic is not finite" }
            if set.sampleCount <= 0 { return "sampleCount must be positive" }
            if set.minimum > set.maximum { return "min is above max" }
        case let .distribution(values, counts):
            if values.isEmpty || values.count != counts.count { return "values and counts must be non-empty and of the same length" }
            if values.count > DirectFeedBatch.maximumDistributionValues { return "more than \(DirectFeedBatch.maximumDistributionValues) values" }
            if !values.allSatisfy(\.isFinite) || !counts.allSatisfy({ $0.isFinite && $0 > 0 }) { return "values must be finite and counts positive" }
        }
        return nil
    }
}

// MARK: JSON

private struct Wire: Encodable {
    var namespace: String
    var datums: [Datum]

    struct Datum: Codable {
        var metricName: String
        var dimensions: [MetricDimension]
        var timestamp: Int
        var periodSeconds: Int
        var value: Value
        var unit: String?

        init(_ datum: DirectFeedDatum) {
            metricName = datum.metricName
            dimensions = datum.dimensions
            timestamp = datum.timestamp
            periodSeconds = datum.periodSeconds
            value = Value(datum.value)
            unit = datum.unit.rawValue
        }
    }

    struct Value: Codable {
        var single: Double?
        var sampleCount: Double?
        var sum: Double?
        var min: Double?
        var max: Double?
        var values: [Double]?
        var counts: [Double]?

        init(_ value: MetricDatumValue) {
            switch value {
            case let .single(v): single = v
            case let .statistics(set): (sampleCount, sum, min, max) = (set.sampleCount, set.sum, set.minimum, set.maximum)
            case let .distribution(values, counts): (self.values, self.counts) = (values, counts)
            }
        }

        var datumValue: MetricDatumValue? {
            if let single, sampleCount == nil, values == nil { return .single(single) }
            if let sampleCount, let sum, let min, let max, single == nil, values == nil {
                return .statistics(StatisticSet(sampleCount: sampleCount, sum: sum, minimum: min, maximum: max))
            }
            if let values, let counts, single == nil, sampleCount == nil { return .distribution(values: values, counts: counts) }
            return nil
        }
    }
}

private struct LossyWire: Decodable {
    var namespace: String
    var datums: [Element]

    struct Reason: Error { var text: String }

    struct Element: Decodable {
        var result: Result<DirectFeedDatum, Reason>

        init(from decoder: any Decoder) throws {
            do {
                let wire = try Wire.Datum(from: decoder)
                guard let value = wire.value.datumValue else {
                    result = .failure(Reason(text: "value must be one of {single}, {sampleCount,sum,min,max}, {values,counts}"))
                    return
                }
                guard let unit = MetricUnit(rawValue: wire.unit ?? MetricUnit.none.rawValue) else {
                    result = .failure(Reason(text: "unknown unit \(wire.unit ?? "")"))
                    return
                }
                result = .success(DirectFeedDatum(
                    metricName: wire.metricName, dimensions: wire.dimensions, timestamp: wire.timestamp,
                    periodSeconds: wire.periodSeconds, value: value, unit: unit
                ))
            } catch {
                result = .failure(Reason(text: DirectFeedBatch.describe(error)))
            }
        }
    }
}
