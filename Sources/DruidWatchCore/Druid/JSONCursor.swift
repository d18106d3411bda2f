#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A forward-only reader of JSON tokens over borrowed bytes. Druid batches arrive at
/// hundreds of thousands of events per second per node, and a document model
/// (JSONSerialization, Codable) allocates for every key and value that the agent then
/// throws away (query ids, contexts, intervals); this reads only what is asked for and
/// skips the rest without allocating. Every step is bounds-checked: malformed input is
/// an error, never a crash.
struct JSONCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    /// Nesting allowed inside a skipped value; deeper input is rejected rather than
    /// followed, so that a hostile body cannot cost unbounded work or stack.
    static let maximumDepth = 64

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    func error(_ reason: String) -> JSONScanError { JSONScanError(offset: position, reason: reason) }

    /// Druid writes compact JSON: the usual answer is "no whitespace here", decided inline.
    @inline(__always)
    mutating func skipWhitespace() {
        guard position < bytes.count, bytes[position] <= 0x20 else { return }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Called for every key of every event (the ':' after it): the usual case, the byte
    /// right there, is decided inline without a call or a String for the message.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: StaticString) throws(JSONScanError) {
        if position < bytes.count, bytes[position] == byte {
            position += 1
            return
        }
        try expectAfterWhitespace(byte, what)
    }

    private mutating func expectAfterWhitespace(_ byte: UInt8, _ what: StaticString) throws(JSONScanError) {
        skipWhitespace()
        guard current == byte else {
            throw error(isAtEnd ? "unexpected end of input, expected \(what)" : "expected \(what), found \(describeCurrent())")
        }
        position += 1
    }

    func describeCurrent() -> String {
        guard let byte = current else { return "end of input" }
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    /// The raw bytes of a string token without its quotes, and whether it holds escapes.
    /// The cursor must be on the opening quote.
    ///
    /// Inlined: an event has some thirty string tokens, most of them a few bytes long,
    /// and a call's saving and restoring of registers cost as much as scanning them.
    /// Escapes and errors leave the inlined part.
    @inline(__always)
    mutating func scanStringToken() throws(JSONScanError) -> (range: Range<Int>, escaped: Bool) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw notAString() }
        let start = position + 1
        let end = ByteBlocks.firstSpecialInString(bytes, from: start)
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            return (start..<end, false)
        }
        return try scanStringTokenAfterFirstSpecial(start: start, at: end)
    }

    @inline(never)
    private func notAString() -> JSONScanError {
        error("expected a string, found \(describeCurrent())")
    }

    /// The rest of a token whose first special byte is not its closing quote: an escape,
    /// a control character or the end of the input.
    @inline(never)
    private mutating func scanStringTokenAfterFirstSpecial(start: Int, at first: Int) throws(JSONScanError) -> (range: Range<Int>, escaped: Bool) {
        var index = first
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                return (start..<index, escaped)
            }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index = ByteBlocks.firstSpecialInString(bytes, from: index + 2)
                continue
            }
            position = index
            throw error("control character in string")
        }
        position = start - 1
        throw error("unterminated string")
    }

    /// Decodes a string token into a Swift string, validating UTF-8 and escapes.
    func decodeString(_ token: (range: Range<Int>, escaped: Bool)) throws(JSONScanError) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[token.range])
        if !token.escaped {
            if ByteWords.isASCII(bytes, token.range) {
                // ASCII is valid UTF-8 as it stands; the generic validating initialiser
                // below costs more than the rest of an event.
                return String(decoding: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
            }
            guard let string = String(validating: raw, as: UTF8.self) else {
                throw JSONScanError(offset: token.range.lowerBound, reason: "string is not valid UTF-8")
            }
            return string
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(raw.count)
        var index = 0
        func fail(_ reason: String) -> JSONScanError { JSONScanError(offset: token.range.lowerBound + index, reason: reason) }
        func hexQuad(at offset: Int) -> UInt32? {
            guard offset + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for byte in raw[offset..<offset + 4] {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < raw.count {
            let byte = raw[index]
            guard byte == UInt8(ascii: "\\") else {
                decoded.append(byte)
                index += 1
                continue
            }
            guard index + 1 < raw.count else { throw fail("string ends inside an escape") }
            let escape = raw[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hexQuad(at: index) else { throw fail("bad \\u escape") }
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                          let low = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(low) else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("unpaired surrogate in \\u escape") }
                decoded.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw fail("unknown escape \\\(Character(Unicode.Scalar(escape)))")
            }
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw JSONScanError(offset: token.range.lowerBound, reason: "string is not valid UTF-8")
        }
        return string
    }

    /// True when the token's bytes equal `literal` (ASCII, no escapes).
    func token(_ range: Range<Int>, equals literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        return memcmp(bytes.baseAddress! + range.lowerBound, expected.baseAddress!, range.count) == 0
    }

    /// Reads a JSON number. Integers up to 18 digits take a fast path; the rest go
    /// through strtod on a bounded copy. A number beyond Double's range comes back as
    /// ±infinity.
    mutating func scanNumber() throws(JSONScanError) -> Double {
        let start = position
        var index = position
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var integer: UInt64 = 0
        var digits = 0
        while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
            integer = integer &* 10 &+ UInt64(bytes[index] &- UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        guard digits > 0 else { throw error("expected a number, found \(describeCurrent())") }
        if bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0"), digits > 1 {
            throw error("number with a leading zero")
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > fractionStart else { position = index; throw error("number has no digits after the decimal point") }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            guard index > exponentStart else { position = index; throw error("number has no digits in its exponent") }
        }
        position = index
        if isInteger, digits <= 18 {
            let magnitude = Double(integer)
            return negative ? -magnitude : magnitude
        }
        let length = index - start
        guard length < 400 else { position = start; throw error("number too long (\(length) characters)") }
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer in
            for offset in 0..<length { buffer[offset] = CChar(bitPattern: bytes[start + offset]) }
            buffer[length] = 0
            return strtod(buffer.baseAddress!, nil)
        }
        // Infinite when out of Double's range; the caller decides whether that is an error.
        return value
    }

    /// Steps over any value (string, number, literal, array, object) without keeping it.
    mutating func skipValue(depth: Int = 0) throws(JSONScanError) {
        skipWhitespace()
        guard let byte = current else { throw error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try scanStringToken()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            position += 1
            skipWhitespace()
            if current == close {
                position += 1
                return
            }
            while true {
                if isObject {
                    skipWhitespace()
                    _ = try scanStringToken()
                    try expect(UInt8(ascii: ":"), "':'")
                }
                // Strings (the query ids of every `context`, the intervals) are most
                // of what is skipped: stepped over here rather than in a nested call.
                if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                    _ = try scanStringToken()
                } else {
                    try skipValue(depth: depth + 1)
                }
                skipWhitespace()
                guard let next = current else { throw error("unexpected end of input inside \(isObject ? "an object" : "an array")") }
                position += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else {
                    position -= 1
                    throw error("expected ',' or '\(Character(Unicode.Scalar(close)))', found \(describeCurrent())")
                }
            }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        default:
            _ = try scanNumber()
        }
    }

    mutating func skipLiteral(_ literal: StaticString) throws(JSONScanError) {
        let end = position + literal.utf8CodeUnitCount
        guard end <= bytes.count, token(position..<end, equals: literal) else {
            throw error("expected a value, found \(describeCurrent())")
        }
        position = end
    }
}
