import Foundation

/// One PutMetricData request kept on disk until CloudWatch has it: the namespace and
/// the datums exactly as they were to be sent, original timestamps included.
///
/// On disk: a JSON payload in a ``SpoolFrame`` with the magic `DWSP`.
public struct SpoolRecord: SpoolableRecord, Hashable {
    public var namespace: String
    public var datums: [MetricDatum]

    public init(namespace: String, datums: [MetricDatum]) {
        self.namespace = namespace
        self.datums = datums
    }

    public static let magic: [UInt8] = Array("DWSP".utf8)
    public static let version: UInt8 = 1

    public typealias DecodingError = SpoolRecordDecodingError

    /// The oldest datum's timestamp: what decides when the record is too old to send.
    public var oldestTimestamp: Date? {
        datums.lazy.map(\.timestamp).min()
    }

    public var itemCount: Int { datums.count }

    public func encoded() -> Data {
        let payload: Data
        do {
            payload = try Self.encoder().encode(Payload(self))
        } catch {
            // Every field is a string, an integer or a Double (non-finite ones spelled as
            // strings), so JSONEncoder has nothing it could refuse.
            preconditionFailure("spool record encoding failed: \(error)")
        }
        return SpoolFrame.wrap(payload, magic: Self.magic, version: Self.version)
    }

    public static func decode(_ data: Data) throws(DecodingError) -> SpoolRecord {
        let payload = try SpoolFrame.unwrap(data, magic: magic, version: version)
        do {
            return try decoder().decode(Payload.self, from: payload).record()
        } catch let error as DecodingError {
            throw error
        } catch {
            throw .invalidPayload("\(error)")
        }
    }

    private static let nonFinite = (positive: "+Infinity", negative: "-Infinity", nan: "NaN")

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return encoder
    }

    private static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return decoder
    }
}

// MARK: - Payload

/// The JSON shape, kept apart from the model types so that they need not be Codable
/// and a change to them cannot silently change the file format.
private struct Payload: Codable {
    var namespace: String
    var datums: [Datum]

    struct Datum: Codable {
        var name: String
        var dimensions: [[String]]
        /// Seconds since 1970 as a Double: round-trips a Date exactly.
        var timestamp: Double
        var unit: String
        var storageResolution: Int
        var value: Double?
        var statistics: [Double]?
        var values: [Double]?
        var counts: [Double]?
    }

    init(_ record: SpoolRecord) {
        namespace = record.namespace
        datums = record.datums.map { datum in
            var encoded = Datum(
                name: datum.metricName,
                dimensions: datum.dimensions.map { [$0.name, $0.value] },
                timestamp: datum.timestamp.timeIntervalSince1970,
                unit: datum.unit.rawValue,
                storageResolution: datum.storageResolution
            )
            switch datum.value {
            case let .single(value):
                encoded.value = value
            case let .statistics(set):
                encoded.statistics = [set.sampleCount, set.sum, set.minimum, set.maximum]
            case let .distribution(values, counts):
                encoded.values = values
                encoded.counts = counts
            }
            return encoded
        }
    }

    func record() throws(SpoolRecord.DecodingError) -> SpoolRecord {
        var decoded: [MetricDatum] = []
        decoded.reserveCapacity(datums.count)
        for (index, datum) in datums.enumerated() {
            guard let unit = MetricUnit(rawValue: datum.unit) else { throw .invalidPayload("datum \(index): unknown unit \(datum.unit)") }
            var dimensions: [MetricDimension] = []
            for pair in datum.dimensions {
                guard pair.count == 2 else { throw .invalidPayload("datum \(index): a dimension is not a name/value pair") }
                dimensions.append(MetricDimension(pair[0], pair[1]))
            }
            let value: MetricDatumValue
            switch (datum.value, datum.statistics, datum.values, datum.counts) {
            case let (single?, nil, nil, nil):
                value = .single(single)
            case let (nil, statistics?, nil, nil) where statistics.count == 4:
                value = .statistics(StatisticSet(sampleCount: statistics[0], sum: statistics[1], minimum: statistics[2], maximum: statistics[3]))
            case let (nil, nil, values?, counts?) where values.count == counts.count:
                value = .distribution(values: values, counts: counts)
            default:
                throw .invalidPayload("datum \(index): no value, or more than one kind")
            }
            decoded.append(MetricDatum(
                metricName: datum.name,
                dimensions: dimensions,
                timestamp: Date(timeIntervalSince1970: datum.timestamp),
                value: value,
                unit: unit,
                storageResolution: datum.storageResolution
            ))
        }
        return SpoolRecord(namespace: namespace, datums: decoded)
    }
}

