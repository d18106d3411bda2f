/// A minimal JSON writer that keeps keys in the order they are written. CloudWatch's
/// alarm JSON has a fixed field order that consumers have been seen to depend on, and
/// `JSONEncoder` only offers unordered or sorted keys. Compact output, as CloudWatch's.
struct OrderedJSONWriter {
    private(set) var text = ""
    /// Whether the innermost open object or array still has no member, so no comma.
    private var isFirst: [Bool] = []

    init() {}

    mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    mutating func endObject() { close("}") }
    mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    mutating func endArray() { close("]") }

    mutating func string(_ key: String?, _ value: String?) {
        member(key)
        if let value { Self.appendQuoted(value, to: &text) } else { text += "null" }
    }

    /// A number already spelled as JSON (e.g. by `CloudWatchNumberText`, `80.0`), or an integer.
    mutating func number(_ key: String?, literal: String) {
        member(key)
        text += literal
    }

    mutating func number(_ key: String?, _ value: Int) { number(key, literal: String(value)) }

    mutating func stringArray(_ key: String?, _ values: [String]) {
        beginArray(key)
        for value in values { string(nil, value) }
        endArray()
    }

    private mutating func open(_ key: String?, _ bracket: String) {
        member(key)
        text += bracket
        isFirst.append(true)
    }

    private mutating func close(_ bracket: String) {
        isFirst.removeLast()
        text += bracket
    }

    private mutating func member(_ key: String?) {
        if let last = isFirst.indices.last {
            if !isFirst[last] { text += "," }
            isFirst[last] = false
        }
        if let key {
            Self.appendQuoted(key, to: &text)
            text += ":"
        }
    }

    /// RFC 8259 escaping: quote, backslash and every control character below U+0020 must
    /// be escaped; everything else, including non-ASCII, may stay literal UTF-8. U+2028 and
    /// U+2029 are escaped too, since JavaScript consumers before ES2019 choke on them raw.
    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{2028}", "\u{2029}": text += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 {
                    text += "\\u" + hex4(scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    static func quoted(_ value: String) -> String {
        var text = ""
        appendQuoted(value, to: &text)
        return text
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
