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

    /// The first `count` (at most 8) bytes of a word as `load` reads them.
    @inline(__always)
    static func prefixMask(_ count: Int) -> UInt64 {
        count >= 8 ? ~0 : (1 << UInt64(count * 8)) &- 1
    }

    /// Up to eight ASCII bytes as `load` would read them from memory, zero-padded.
    static func word(_ text: StaticString) -> UInt64 {
        precondition(text.utf8CodeUnitCount <= 8, "a word holds eight bytes")
        var word: UInt64 = 0
        for index in 0..<text.utf8CodeUnitCount {
            word |= UInt64(text.utf8Start[index]) << UInt64(index * 8)
        }
        return word
    }

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
