/// Why a spooled file could not be read back.
public enum SpoolRecordDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
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
