import Foundation

/// How a spooled record sits on disk: a fixed header, then the payload.
///
///     magic (4 bytes)  version (1 byte)  payload length (UInt32, big-endian)  CRC-32 of payload (UInt32, big-endian)  payload
///
/// Unwrapping checks every part, so a truncated, padded or bit-flipped file is reported
/// as such and never mistaken for a (different) record.
public enum SpoolFrame {
    public static let headerBytes = 4 + 1 + 4 + 4

    public static func wrap(_ payload: Data, magic: [UInt8], version: UInt8) -> Data {
        var data = Data(capacity: headerBytes + payload.count)
        data.append(contentsOf: magic)
        data.append(version)
        appendBigEndian(UInt32(payload.count), to: &data)
        appendBigEndian(CRC32.checksum(payload), to: &data)
        data.append(payload)
        return data
    }

    public static func unwrap(_ data: Data, magic: [UInt8], version: UInt8) throws(SpoolRecordDecodingError) -> Data {
        let bytes = [UInt8](data)
        guard bytes.count >= headerBytes else { throw .truncated(bytes: bytes.count) }
        guard Array(bytes[0..<4]) == magic else { throw .badMagic }
        guard bytes[4] == version else { throw .unsupportedVersion(bytes[4]) }
        let declared = Int(readBigEndian(bytes, at: 5))
        let checksum = readBigEndian(bytes, at: 9)
        let payload = bytes[headerBytes...]
        guard payload.count == declared else { throw .lengthMismatch(declared: declared, actual: payload.count) }
        guard CRC32.checksum(payload) == checksum else { throw .checksumMismatch }
        return Data(payload)
    }

    private static func appendBigEndian(_ value: UInt32, to data: inout Data) {
        data.append(contentsOf: [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
