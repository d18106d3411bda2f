/// Word-at-a-time byte tests (SWAR): eight bytes of a JSON string are checked for a
/// quote, a backslash, a control character or a non-ASCII byte with a few integer
/// operations instead of eight branches. Emitter batches are mostly long strings
/// (query ids, contexts, intervals) that the agent only has to step over.
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func load(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// High bit set in each byte of `word` equal to `byte` (may also flag a byte
    /// after a match; callers only use it to decide whether to look closer).
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let spread = word ^ (ones &* UInt64(byte))
        return (spread &- ones) & ~spread & highBits
    }

    /// High bit set in each byte of `word` below `limit` (limit ≤ 128).
    @inline(__always)
    static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- ones &* UInt64(limit)) & ~word & highBits
    }

    @inline(__always)
    static func isASCII(_ word: UInt64) -> Bool { word & highBits == 0 }

    static func isASCII(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            guard isASCII(load(bytes, at: index)) else { return false }
            index += 8
        }
        while index < range.upperBound {
            guard bytes[index] < 0x80 else { return false }
            index += 1
        }
        return true
    }
}
