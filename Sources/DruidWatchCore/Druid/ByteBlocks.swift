/// Sixteen bytes at a time (SSE2 on x86-64, NEON on arm64, through Swift's SIMD types):
/// the strings of an emitter batch (query ids, contexts, intervals) are most of its
/// bytes, and finding where each one ends is most of the parser's work. `ByteWords`
/// finishes what is left after the last whole block.
enum ByteBlocks {
    /// The offset of the first quote, backslash or control character at or after
    /// `start`: the bytes that end or interrupt a JSON string. `bytes.count` when there
    /// is none.
    @inline(__always)
    static func firstSpecialInString(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        guard let base = bytes.baseAddress else { return count }
        // Spelt out once rather than as literals in the loop: written inline, the
        // compiler has been seen to build each vector byte by byte on every pass.
        let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
        let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
        let space = SIMD16<UInt8>(repeating: 0x20)
        while index + 16 <= count {
            let block = (base + index).loadUnaligned(as: SIMD16<UInt8>.self)
            let special = (block .== quote) .| (block .== backslash) .| (block .< space)
            // Each lane of the mask is all ones or all zeros: its two halves as integers
            // give the first flagged byte by their trailing zeros.
            let halves = unsafeBitCast(special, to: SIMD2<UInt64>.self)
            let low = UInt64(littleEndian: halves[0])
            if low != 0 { return index + low.trailingZeroBitCount / 8 }
            let high = UInt64(littleEndian: halves[1])
            if high != 0 { return index + 8 + high.trailingZeroBitCount / 8 }
            index += 16
        }
        while index + 8 <= count {
            let word = ByteWords.load(bytes, at: index)
            let special = ByteWords.matches(word, UInt8(ascii: "\"")) | ByteWords.matches(word, UInt8(ascii: "\\")) | ByteWords.below(word, 0x20)
            // The first byte flagged is exact (later ones may not be).
            if special != 0 { return index + special.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            index += 1
        }
        return count
    }
}
