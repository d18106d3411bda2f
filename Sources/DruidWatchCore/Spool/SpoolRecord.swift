import Foundation

/// One PutMetricData request kept on disk until CloudWatch has it: the namespace and
/// the datums exactly as they were to be sent, original timestamps included.
///
/// On disk a record is a fixed header followed by a JSON payload:
///
///     "DWSP"  version (1 byte)  payload length (UInt32, big-endian)  CRC-32 of payload (UInt32, big-endian)  payload
///
/// Decoding checks every part, so a truncated, padded or bit-flipped file is reported
/// as such and never mistaken for a (different) batch.
public struct SpoolRecord: Sendable, Hashable {
    public var namespace: String
    public var datums: [MetricDatum]

    public init(namespace: String, datums: [MetricDatum]) {
        self.namespace = namespace
        self.datums = datums
    }

    public static let magic: [UInt8] = Array("DWSP".utf8)
    public static let version: UInt8 = 1
    public static let headerBytes = 4 + 1 + 4 + 4

    public enum DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        case truncated(bytes: Int)
        case badMagic
        case unsupportedVersion(UInt8)
        case lengthMismatch(declared: Int, actual: Int)
        case checksumMismatch
        case invalidPayload(String)

        public var description: String {
            switch self {
            case let .truncated(bytes): "truncated: \(bytes) bytes, shorter than the header"
            case .badMagic: "not a spool record (bad magic)"
            case let .unsupportedVersion(version): "unsupported spool record version \(version)"
            case let .lengthMismatch(declared, actual): "payload of \(actual) bytes where the header declares \(declared)"
            case .checksumMismatch: "payload checksum mismatch"
            case let .invalidPayload(reason): "invalid payload: \(reason)"
            }
        }
    }

    /// The oldest datum's timestamp: what decides when the record is too old to send.
    public var oldestTimestamp: Date? {
        datums.lazy.map(\.timestamp).min()
    }

    public func encoded() -> Data {
        let payload: Data
        do {
            payload = try Self.encoder().encode(Payload(self))
        } catch {
            // Every field is a string, an integer or a Double (non-finite ones spelled as
            // strings), so JSONEncoder has nothing it could refuse.
            preconditionFailure("spool record encoding failed: \(error)")
        }
        var data = Data(capacity: Self.headerBytes + payload.count)
        data.append(contentsOf: Self.magic)
        data.append(Self.version)
        Self.appendBigEndian(UInt32(payload.count), to: &data)
        Self.appendBigEndian(CRC32.checksum(payload), to: &data)
        data.append(payload)
        return data
    }

    public static func decode(_ data: Data) throws(DecodingError) -> SpoolRecord {
        let bytes = [UInt8](data)
        guard bytes.count >= headerBytes else { throw .truncated(bytes: bytes.count) }
        guard Array(bytes[0..<4]) == magic else { throw .badMagic }
        guard bytes[4] == version else { throw .unsupportedVersion(bytes[4]) }
        let declared = Int(readBigEndian(bytes, at: 5))
        let checksum = readBigEndian(bytes, at: 9)
        let payload = bytes[headerBytes...]
        guard payload.count == declared else { throw .lengthMismatch(declared: declared, actual: payload.count) }
        guard CRC32.checksum(payload) == checksum else { throw .checksumMismatch }
        do {
            return try decoder().decode(Payload.self, from: Data(payload)).record()
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

    private static func appendBigEndian(_ value: UInt32, to data: inout Data) {
        data.append(contentsOf: [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
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

/// CRC-32 (IEEE 802.3, as zlib and gzip compute it).
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1
        }
        return crc
    }

    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }
}
