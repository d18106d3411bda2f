/// Bounds-checked reads of fixed-size numbers from a perf-data file in its own byte
/// order. Every read returns nil past the end instead of trapping, because the
/// offsets come from a file another process writes.
struct PerfDataBytes {
    let bytes: [UInt8]
    var byteOrder: PerfDataByteOrder = .bigEndian

    var count: Int { bytes.count }

    func byte(at offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func int32(at offset: Int) -> Int32? {
        unsigned(at: offset, size: 4).map { Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: $0)) }
    }

    func int64(at offset: Int) -> Int64? {
        unsigned(at: offset, size: 8).map { Int64(bitPattern: $0) }
    }

    /// The bytes from `offset` up to the first NUL before `end`, or nil when there is
    /// no NUL in that range (a name or string must be terminated inside its entry).
    func terminatedString(from offset: Int, before end: Int) -> String? {
        guard offset >= 0, offset <= end, end <= bytes.count else { return nil }
        guard let nul = bytes[offset..<end].firstIndex(of: 0) else { return nil }
        return String(decoding: bytes[offset..<nul], as: UTF8.self)
    }

    private func unsigned(at offset: Int, size: Int) -> UInt64? {
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        var value: UInt64 = 0
        for index in 0..<size {
            let byte = UInt64(bytes[offset + index])
            switch byteOrder {
            case .bigEndian: value = value << 8 | byte
            case .littleEndian: value |= byte << (8 * UInt64(index))
            }
        }
        return value
    }
}
