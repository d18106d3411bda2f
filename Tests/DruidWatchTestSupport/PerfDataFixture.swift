import DruidWatchCore
import Foundation

/// The HotSpot perf-data files under `Tests/Fixtures/jvm`, and ways to damage or
/// alter them the way a test needs. Offsets follow OpenJDK's perfMemory.hpp; the
/// helpers assume the little-endian fixtures.
public enum PerfDataFixture {
    public static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Fixtures.url("jvm/\(name)")))
    }

    /// What jstat printed for the fixture: each entry as name=value, strings in
    /// double quotes. The six `sun.perfdata.*` pseudo counters jstat derives from
    /// the prologue are left out, as they are not entries of the file.
    public static func jstatSnapshot(_ name: String) throws -> [String: PerfDataValue] {
        var values: [String: PerfDataValue] = [:]
        for line in try Fixtures.string("jvm/\(name)").split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            let text = line[line.index(after: equals)...]
            guard !key.hasPrefix("sun.perfdata.") else { continue }
            if text.first == "\"", text.last == "\"", text.count >= 2 {
                values[key] = .string(String(text.dropFirst().dropLast()))
            } else if let number = Int64(text) {
                values[key] = .long(number)
            }
        }
        return values
    }

    public static func int32(_ bytes: [UInt8], at offset: Int) -> Int32 {
        (0..<4).reduce(Int32(0)) { $0 | Int32(bytes[offset + $1]) << (8 * Int32($1)) }
    }

    public static func setInt32(_ bytes: inout [UInt8], at offset: Int, _ value: Int32) {
        for index in 0..<4 {
            bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * Int32(index)))
        }
    }

    public static let usedOffset = 8
    public static let entryOffsetOffset = 24
    public static let entryCountOffset = 28

    /// The start of each entry, walking the lengths from the prologue's entry offset.
    public static func entryStarts(_ bytes: [UInt8]) -> [Int] {
        var start = Int(int32(bytes, at: entryOffsetOffset))
        var starts: [Int] = []
        for _ in 0..<Int(int32(bytes, at: entryCountOffset)) {
            starts.append(start)
            start += Int(int32(bytes, at: start))
        }
        return starts
    }

    /// The name of the entry starting at `start`.
    public static func entryName(_ bytes: [UInt8], at start: Int) -> String {
        let nameStart = start + Int(int32(bytes, at: start + 4))
        let end = bytes[nameStart...].firstIndex(of: 0) ?? nameStart
        return String(decoding: bytes[nameStart..<end], as: UTF8.self)
    }

    /// The start of the named entry.
    public static func entryStart(_ bytes: [UInt8], named name: String) -> Int? {
        entryStarts(bytes).first { entryName(bytes, at: $0) == name }
    }

    /// Overwrites a string entry in place with a value no longer than the original
    /// (HotSpot sizes a constant string to its first value), NUL-padded.
    public static func replacingString(_ bytes: [UInt8], named name: String, with value: String) -> [UInt8]? {
        guard let start = entryStart(bytes, named: name) else { return nil }
        let dataStart = start + Int(int32(bytes, at: start + 16))
        let capacity = Int(int32(bytes, at: start + 8))
        let replacement = Array(value.utf8)
        guard replacement.count < capacity else { return nil }
        var copy = bytes
        copy.replaceSubrange(dataStart..<(dataStart + capacity), with: replacement + [UInt8](repeating: 0, count: capacity - replacement.count))
        return copy
    }
}
