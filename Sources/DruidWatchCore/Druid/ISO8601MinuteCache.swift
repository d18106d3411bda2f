/// Remembers the last UTC minute read (`2026-11-20T10:00`), so that the timestamps of a
/// batch, which nearly all share their minute, cost only their seconds field. Anything
/// but the plain UTC form (`...:SS[.fff]Z`) goes to the full reader.
struct ISO8601MinuteCache {
    private var minutePrefix: (UInt64, UInt64)?
    private var minuteStart = 0.0

    mutating func secondsSince1970(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard bytes.count >= 20, bytes.count <= 30, bytes[bytes.count - 1] == UInt8(ascii: "Z"), bytes[16] == UInt8(ascii: ":"),
              let within = Self.secondsWithinMinute(bytes) else {
            return ISO8601Timestamp.secondsSince1970(bytes)
        }
        let prefix = (ByteWords.load(bytes, at: 0), ByteWords.load(bytes, at: 8))
        if let known = minutePrefix, known == prefix {
            // Whole seconds first, then the fraction: the full reader's order, so the
            // result is the same to the last bit.
            return (minuteStart + within.seconds) + within.fraction
        }
        guard let full = ISO8601Timestamp.secondsSince1970(bytes) else { return nil }
        minutePrefix = prefix
        minuteStart = (full - within.seconds - within.fraction).rounded()
        return full
    }

    /// `SS[.fff]` before the final `Z`, the same arithmetic as the full reader.
    private static func secondsWithinMinute(_ bytes: UnsafeRawBufferPointer) -> (seconds: Double, fraction: Double)? {
        let tens = bytes[17] &- UInt8(ascii: "0"), ones = bytes[18] &- UInt8(ascii: "0")
        guard tens < 7, ones < 10 else { return nil }
        let seconds = Double(Int(tens) * 10 + Int(ones))
        guard seconds < 61 else { return nil }
        if bytes.count == 20 { return (seconds, 0) }
        guard bytes[19] == UInt8(ascii: "."), bytes.count > 21 else { return nil }
        var fraction = 0.0
        var scale = 0.1
        for index in 20..<(bytes.count - 1) {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            fraction += Double(digit) * scale
            scale /= 10
        }
        return (seconds, fraction)
    }
}
