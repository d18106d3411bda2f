/// Reads a JSON object whose values of interest are scalars, such as the AdminServer's
/// command responses, into its entries in document order. Numbers are kept as they were
/// spelled, so that the caller decides how to read them (an integer above 2^53 is not
/// silently rounded, as a JSON library handing back Doubles would do). Nested objects
/// and arrays are skipped, checking only strings and bracket depth, without recursion:
/// hostile nesting is refused at `maximumDepth`, never by overflowing the stack.
struct FlatJSONReader {
    enum Value: Equatable {
        case string(String)
        case number(String)
        case boolean(Bool)
        case null
        case nested
    }

    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var position = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The entries of the object that is the whole of `bytes` (UTF-8), in order.
    static func entries(of bytes: [UInt8]) throws(ZooKeeperParseError) -> [(key: String, value: Value)] {
        var reader = FlatJSONReader(bytes)
        return try reader.readDocument()
    }

    private mutating func readDocument() throws(ZooKeeperParseError) -> [(key: String, value: Value)] {
        skipWhitespace()
        guard let first = peek() else { throw .empty }
        guard first == UInt8(ascii: "{") else {
            if Self.startsValue(first) { throw .notAnObject }
            throw invalid("expected '{'")
        }
        position += 1
        var entries: [(key: String, value: Value)] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                skipWhitespace()
                guard let next = peek() else { throw .truncated("the input ends inside the object") }
                guard next == UInt8(ascii: "\"") else { throw invalid("expected a key") }
                let key = try readString()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                entries.append((key, try readValue()))
                skipWhitespace()
                guard let separator = peek() else { throw .truncated("the input ends inside the object") }
                if separator == UInt8(ascii: ",") {
                    position += 1
                } else if separator == UInt8(ascii: "}") {
                    position += 1
                    break
                } else {
                    throw invalid("expected ',' or '}'")
                }
            }
        }
        skipWhitespace()
        guard position == bytes.count else { throw invalid("more content after the object") }
        return entries
    }

    private mutating func readValue() throws(ZooKeeperParseError) -> Value {
        guard let first = peek() else { throw .truncated("the input ends where a value should start") }
        switch first {
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .boolean(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .boolean(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested()
            return .nested
        default:
            throw invalid("expected a value")
        }
    }

    private mutating func readString() throws(ZooKeeperParseError) -> String {
        position += 1  // the opening quote
        var text: [UInt8] = []
        while true {
            guard let byte = peek() else { throw .truncated("the input ends inside a string") }
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                guard let escaped = peek() else { throw .truncated("the input ends inside an escape") }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try readEscapedScalar()
                    Unicode.UTF8.encode(scalar) { text.append($0) }
                default:
                    position -= 1
                    throw invalid("unknown escape")
                }
            case 0..<0x20:
                throw invalid("control character inside a string")
            default:
                text.append(byte)
                position += 1
            }
        }
    }

    /// After `\u`: four hex digits, and for a UTF-16 high surrogate the `\uXXXX` of
    /// its low half.
    private mutating func readEscapedScalar() throws(ZooKeeperParseError) -> Unicode.Scalar {
        let unit = try readHexUnit()
        var value = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            guard position + 1 < bytes.count else { throw .truncated("the input ends inside a surrogate pair") }
            guard bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                throw invalid("a high surrogate without its low half")
            }
            position += 2
            let low = try readHexUnit()
            guard (0xDC00...0xDFFF).contains(low) else { throw invalid("a high surrogate without its low half") }
            value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else { throw invalid("a low surrogate without its high half") }
        return scalar
    }

    private mutating func readHexUnit() throws(ZooKeeperParseError) -> UInt16 {
        guard position + 4 <= bytes.count else { throw .truncated("the input ends inside a \\u escape") }
        var unit: UInt16 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid("\\u needs four hex digits")
            }
            unit = unit << 4 | UInt16(digit)
        }
        position += 4
        return unit
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func readNumber() throws(ZooKeeperParseError) -> String {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        if peek() == UInt8(ascii: "0") {
            position += 1
        } else {
            try digits()
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            try digits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            try digits()
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func digits() throws(ZooKeeperParseError) {
        let start = position
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        if position == start {
            if peek() == nil { throw .truncated("the input ends inside a number") }
            throw invalid("expected a digit")
        }
    }

    private mutating func expectLiteral(_ word: String) throws(ZooKeeperParseError) {
        for byte in word.utf8 {
            guard let actual = peek() else { throw .truncated("the input ends inside \(word)") }
            guard actual == byte else { throw invalid("expected \(word)") }
            position += 1
        }
    }

    private mutating func skipNested() throws(ZooKeeperParseError) {
        var depth = 0
        repeat {
            guard let byte = peek() else { throw .truncated("the input ends inside a nested value") }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                // The object being read is the first level.
                guard depth < Self.maximumDepth else { throw .nestingTooDeep(limit: Self.maximumDepth) }
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                position += 1
            case UInt8(ascii: "\""):
                _ = try readString()
            default:
                position += 1
            }
        } while depth > 0
    }

    private mutating func expect(_ byte: UInt8) throws(ZooKeeperParseError) {
        guard let actual = peek() else { throw .truncated("the input ends inside the object") }
        guard actual == byte else { throw invalid("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func invalid(_ reason: String) -> ZooKeeperParseError {
        .invalidJSON(offset: position, reason: reason)
    }

    private static func startsValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            true
        default:
            false
        }
    }
}
