import DruidWatchCore
import Foundation
import Testing

@Suite struct SpoolRecordTests {
    static let timestamp = Date(timeIntervalSince1970: 1_732_530_000.123_456_7)

    static let record = SpoolRecord(namespace: "Druid/Test", datums: [
        MetricDatum(metricName: "single", dimensions: [MetricDimension("Host", "h1"), MetricDimension("Service", "druid/broker")], timestamp: timestamp, value: .single(0.1 + 0.2), unit: .milliseconds),
        MetricDatum(metricName: "tiny", dimensions: [], timestamp: timestamp.addingTimeInterval(60), value: .single(.leastNonzeroMagnitude), unit: .count, storageResolution: 1),
        MetricDatum(metricName: "huge", dimensions: [], timestamp: timestamp, value: .single(-.greatestFiniteMagnitude), unit: .bytes),
        MetricDatum(metricName: "nan", dimensions: [], timestamp: timestamp, value: .single(.nan), unit: .none),
        MetricDatum(metricName: "stats", dimensions: [MetricDimension("dataSource", "wïkipédia \"quoted\"")], timestamp: timestamp, value: .statistics(StatisticSet(sampleCount: 4, sum: 100.25, minimum: -1.5, maximum: .infinity)), unit: .seconds),
        MetricDatum(metricName: "dist", dimensions: [], timestamp: timestamp, value: .distribution(values: [1, 2.5, 1e300], counts: [3, 1, 6]), unit: .countPerSecond),
        MetricDatum(metricName: "empty-dist", dimensions: [], timestamp: timestamp, value: .distribution(values: [], counts: []), unit: .percent),
    ])

    /// Equality that also holds for NaN (which `==` never does).
    private func sameBits(_ lhs: SpoolRecord, _ rhs: SpoolRecord) -> Bool {
        func bits(_ value: MetricDatumValue) -> [UInt64] {
            switch value {
            case let .single(value): [0, value.bitPattern]
            case let .statistics(set): [1] + [set.sampleCount, set.sum, set.minimum, set.maximum].map(\.bitPattern)
            case let .distribution(values, counts): [2] + values.map(\.bitPattern) + [UInt64.max] + counts.map(\.bitPattern)
            }
        }
        guard lhs.namespace == rhs.namespace, lhs.datums.count == rhs.datums.count else { return false }
        return zip(lhs.datums, rhs.datums).allSatisfy { a, b in
            a.metricName == b.metricName && a.dimensions == b.dimensions && a.timestamp == b.timestamp
                && a.unit == b.unit && a.storageResolution == b.storageResolution && bits(a.value) == bits(b.value)
        }
    }

    @Test func everyValueKindRoundTripsExactly() throws {
        let decoded = try SpoolRecord.decode(Self.record.encoded())
        #expect(sameBits(decoded, Self.record))
        #expect(decoded.datums.first?.timestamp == Self.timestamp)
    }

    @Test func everyUnitRoundTrips() throws {
        let record = SpoolRecord(namespace: "N", datums: MetricUnit.allCases.map {
            MetricDatum(metricName: $0.rawValue, dimensions: [], timestamp: Self.timestamp, value: .single(1), unit: $0)
        })
        #expect(try SpoolRecord.decode(record.encoded()) == record)
    }

    @Test func anEmptyRecordRoundTrips() throws {
        let record = SpoolRecord(namespace: "N", datums: [])
        #expect(try SpoolRecord.decode(record.encoded()) == record)
        #expect(record.oldestTimestamp == nil)
    }

    @Test func oldestTimestampIsTheEarliestDatum() {
        #expect(Self.record.oldestTimestamp == Self.timestamp)
    }

    @Test func everyTruncationIsDetected() {
        let data = Self.record.encoded()
        for length in 0..<data.count {
            #expect(throws: SpoolRecord.DecodingError.self) { try SpoolRecord.decode(data.prefix(length)) }
        }
    }

    @Test func everySingleBitFlipIsDetected() {
        let data = [UInt8](Self.record.encoded())
        for index in data.indices {
            var corrupted = data
            corrupted[index] ^= 0x10
            #expect(throws: SpoolRecord.DecodingError.self) { try SpoolRecord.decode(Data(corrupted)) }
        }
    }

    @Test func headerErrorsAreNamed() {
        var data = [UInt8](Self.record.encoded())
        #expect(throws: SpoolRecord.DecodingError.truncated(bytes: 3)) { try SpoolRecord.decode(Data(data.prefix(3))) }
        data[4] = 9
        #expect(throws: SpoolRecord.DecodingError.unsupportedVersion(9)) { try SpoolRecord.decode(Data(data)) }
        #expect(throws: SpoolRecord.DecodingError.badMagic) { try SpoolRecord.decode(Data("hello, world!".utf8)) }
        let padded = Self.record.encoded() + Data([0])
        #expect(throws: SpoolRecord.DecodingError.self) { try SpoolRecord.decode(padded) }
    }

    @Test func aValidChecksumOverAnInvalidPayloadIsStillRefused() {
        let payload = Data(#"{"namespace":"N","datums":[{"name":"m","dimensions":[],"timestamp":1,"unit":"Furlongs","storageResolution":60,"value":1}]}"#.utf8)
        var data = Data(SpoolRecord.magic + [SpoolRecord.version])
        let length = UInt32(payload.count), crc = CRC32.checksum(payload)
        for value in [length, crc] { data.append(contentsOf: [24, 16, 8, 0].map { UInt8(value >> $0 & 0xFF) }) }
        data.append(payload)
        #expect(throws: SpoolRecord.DecodingError.self) { try SpoolRecord.decode(data) }
    }

    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
