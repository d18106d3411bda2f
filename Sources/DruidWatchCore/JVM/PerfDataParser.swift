import Foundation

/// Reads the HotSpot perf-data file (`/tmp/hsperfdata_<user>/<pid>`) that every JVM
/// maps with -XX:+UsePerfData, the default: jstat's counters, without an agent or
/// a JVM flag. Layout from OpenJDK's perfMemory.hpp and perfData.cpp:
///
/// - a 32-byte prologue: magic CA FE C0 C0 (the same bytes in either order, since a
///   little-endian JVM stores 0xc0c0feca), byte order, major and minor version,
///   accessible flag, used bytes (int32), overflow (int32), modification time stamp
///   (int64), offset of the first entry (int32), entry count (int32);
/// - entries, back to back from that offset, each a 20-byte fixed part (entry length,
///   name offset, vector length as int32; data type, flags, units, variability as
///   bytes; data offset as int32), then the NUL-terminated name, padding, and the
///   data. Both offsets count from the start of the entry; a vector length of 0
///   means a scalar.
///
/// The file is read while the JVM writes it: an entry it is still creating can be
/// all zeros, so a damaged entry ends or skips the walk instead of failing the file.
public enum PerfDataParser {
    public static let magic: UInt32 = 0xcafe_c0c0
    public static let prologueSize = 32
    public static let entryHeaderSize = 20
    static let supportedMajorVersion = 2

    public static func parse(_ data: Data) throws(PerfDataError) -> PerfDataReading {
        try parse([UInt8](data))
    }

    public static func parse(_ bytes: [UInt8]) throws(PerfDataError) -> PerfDataReading {
        var file = PerfDataBytes(bytes: bytes)
        guard file.count >= prologueSize,
              let magic = file.int32(at: 0), let order = file.byte(at: 4),
              let major = file.byte(at: 5), let minor = file.byte(at: 6), let accessible = file.byte(at: 7)
        else { throw .truncatedHeader(length: file.count) }
        guard UInt32(bitPattern: magic) == Self.magic else { throw .badMagic(UInt32(bitPattern: magic)) }
        guard let byteOrder = PerfDataByteOrder(rawValue: order) else { throw .unknownByteOrder(order) }
        file.byteOrder = byteOrder
        guard Int(major) == supportedMajorVersion else { throw .unsupportedVersion(major: Int(major), minor: Int(minor)) }
        guard accessible != 0 else { throw .notAccessible }

        // Fixed prologue positions, all inside the 32 bytes checked above.
        let used = Int(file.int32(at: 8) ?? 0)
        let modificationTimeStamp = file.int64(at: 16) ?? 0
        let entryOffset = Int(file.int32(at: 24) ?? 0)
        let entryCount = Int(file.int32(at: 28) ?? 0)

        guard used >= prologueSize else { throw .usedSizeOutOfBounds(used: used) }
        guard used <= file.count else { throw .truncated(used: used, length: file.count) }
        guard entryOffset >= prologueSize, entryOffset <= used else {
            throw .entryOffsetOutOfBounds(offset: entryOffset, used: used)
        }
        let room = (used - entryOffset) / entryHeaderSize
        guard entryCount >= 0, entryCount <= room else { throw .entryCountOutOfBounds(count: entryCount, room: room) }

        var values: [String: PerfDataValue] = [:]
        var skipped: [PerfDataError] = []
        var start = entryOffset
        walk: for index in 0..<entryCount {
            switch entry(index: index, at: start, in: file, used: used) {
            case .next(let length, let name, let value):
                values[name] = value
                start += length
            case .skip(let length, let problem):
                skipped.append(problem)
                start += length
            case .stop(let problem):
                skipped.append(problem)
                break walk
            }
        }
        if values.isEmpty, let first = skipped.first { throw first }
        return PerfDataReading(
            byteOrder: byteOrder, majorVersion: Int(major), minorVersion: Int(minor),
            modificationTimeStamp: modificationTimeStamp, values: values, skipped: skipped
        )
    }

    private enum EntryOutcome {
        case next(length: Int, name: String, value: PerfDataValue)
        case skip(length: Int, PerfDataError)
        case stop(PerfDataError)
    }

    private static func entry(index: Int, at start: Int, in file: PerfDataBytes, used: Int) -> EntryOutcome {
        guard start + entryHeaderSize <= used,
              let length32 = file.int32(at: start), let nameOffset32 = file.int32(at: start + 4),
              let vectorLength32 = file.int32(at: start + 8), let type = file.byte(at: start + 12),
              let dataOffset32 = file.int32(at: start + 16)
        else { return .stop(.entryOutOfBounds(index: index, offset: start, reason: "its fixed part runs past the used bytes")) }
        let length = Int(length32), nameOffset = Int(nameOffset32), vectorLength = Int(vectorLength32), dataOffset = Int(dataOffset32)

        guard length > entryHeaderSize else {
            return .stop(.entryOutOfBounds(index: index, offset: start, reason: "entry length \(length) is too small"))
        }
        guard length <= used - start else {
            return .stop(.entryOutOfBounds(index: index, offset: start, reason: "entry length \(length) runs past the used bytes"))
        }
        func malformed(_ reason: String) -> EntryOutcome {
            .skip(length: length, .malformedEntry(index: index, offset: start, reason: reason))
        }
        guard nameOffset >= entryHeaderSize, nameOffset < length else {
            return malformed("name offset \(nameOffset) outside the entry of \(length) bytes")
        }
        guard dataOffset >= entryHeaderSize, dataOffset < length else {
            return malformed("data offset \(dataOffset) outside the entry of \(length) bytes")
        }
        // The name ends before the data when it comes first, as HotSpot lays it out.
        let nameEnd = dataOffset > nameOffset ? dataOffset : length
        guard let name = file.terminatedString(from: start + nameOffset, before: start + nameEnd), !name.isEmpty else {
            return malformed("name is empty or not terminated inside the entry")
        }
        guard vectorLength >= 0 else { return malformed("\(name): negative vector length \(vectorLength)") }

        switch (type, vectorLength) {
        case (UInt8(ascii: "J"), 0):
            guard dataOffset + 8 <= length, let value = file.int64(at: start + dataOffset) else {
                return malformed("\(name): 8-byte value does not fit in the entry")
            }
            return .next(length: length, name: name, value: .long(value))
        case (UInt8(ascii: "B"), 1...):
            guard vectorLength <= length - dataOffset else {
                return malformed("\(name): \(vectorLength)-byte string does not fit in the entry")
            }
            // HotSpot keeps the last byte NUL; an unterminated array is taken whole.
            let end = start + dataOffset + vectorLength
            let text = file.terminatedString(from: start + dataOffset, before: end)
                ?? String(decoding: file.bytes[(start + dataOffset)..<end], as: UTF8.self)
            return .next(length: length, name: name, value: .string(text))
        default:
            return .skip(length: length, .unsupportedType(name: name, type: type, vectorLength: vectorLength))
        }
    }
}
