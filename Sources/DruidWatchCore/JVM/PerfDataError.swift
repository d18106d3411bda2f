/// Why a perf-data file, or one entry of it, could not be read. The file is written
/// by another process while we read it and may be cut short or damaged, so every
/// offset in it is checked and every problem has a name here rather than a crash.
public enum PerfDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Shorter than the 32-byte prologue.
    case truncatedHeader(length: Int)
    /// The first four bytes are not CA FE C0 C0.
    case badMagic(UInt32)
    case unknownByteOrder(UInt8)
    /// Only layout 2.x (every JDK since 6) is known.
    case unsupportedVersion(major: Int, minor: Int)
    /// The JVM has not finished creating its counters (the prologue's accessible flag is 0).
    case notAccessible
    /// The prologue's used size is larger than the file.
    case truncated(used: Int, length: Int)
    /// The prologue's used size is smaller than the prologue itself.
    case usedSizeOutOfBounds(used: Int)
    case entryOffsetOutOfBounds(offset: Int, used: Int)
    /// Negative, or more entries than the used bytes could hold.
    case entryCountOutOfBounds(count: Int, room: Int)
    /// An entry whose length is unusable: the entries after it cannot be found.
    case entryOutOfBounds(index: Int, offset: Int, reason: String)
    /// An entry whose name or data is unusable; the entries after it are still read.
    case malformedEntry(index: Int, offset: Int, reason: String)
    /// A well-formed entry of a type other than a long or a byte string.
    case unsupportedType(name: String, type: UInt8, vectorLength: Int)

    public var description: String {
        switch self {
        case .truncatedHeader(let length):
            "perf-data file has \(length) bytes, fewer than the 32-byte prologue"
        case .badMagic(let magic):
            "not a perf-data file: magic 0x\(String(magic, radix: 16)), expected 0xcafec0c0"
        case .unknownByteOrder(let byte):
            "unknown byte order \(byte) in perf-data prologue"
        case .unsupportedVersion(let major, let minor):
            "unsupported perf-data version \(major).\(minor), expected 2.x"
        case .notAccessible:
            "perf-data not yet accessible: the JVM is still starting"
        case .truncated(let used, let length):
            "perf-data file truncated: the prologue says \(used) bytes are used, the file has \(length)"
        case .usedSizeOutOfBounds(let used):
            "perf-data prologue says \(used) bytes are used, less than the prologue itself"
        case .entryOffsetOutOfBounds(let offset, let used):
            "perf-data entries start at \(offset), outside the used bytes 32..<\(used)"
        case .entryCountOutOfBounds(let count, let room):
            "perf-data prologue claims \(count) entries, but the used bytes can hold at most \(room)"
        case .entryOutOfBounds(let index, let offset, let reason):
            "perf-data entry \(index) at offset \(offset): \(reason); later entries cannot be located"
        case .malformedEntry(let index, let offset, let reason):
            "perf-data entry \(index) at offset \(offset) skipped: \(reason)"
        case .unsupportedType(let name, let type, let vectorLength):
            "perf-data entry \(name) skipped: type '\(Character(Unicode.Scalar(type)))' with vector length \(vectorLength) is not decoded"
        }
    }
}
