import Foundation

/// A Java `.properties` file, read as `java.util.Properties.load` reads it: `#` and `!`
/// comments, `key=value`, `key: value` or `key value`, backslash escapes (`\t`, `\n`,
/// `\uXXXX`, `\=`, ...) and lines continued by an odd number of trailing backslashes,
/// the continuation's leading white space dropped. Druid loads its files through a
/// UTF-8 reader; bytes that are not UTF-8 become U+FFFD instead of failing the file.
/// A later definition of a key replaces an earlier one.
public struct RuntimeProperties: Sendable, Equatable {
    public private(set) var values: [String: String]
    /// Malformed `\u` escapes met while parsing (Java would throw); such an escape is
    /// kept literally.
    public private(set) var malformedEscapes: Int

    public init(_ values: [String: String] = [:]) {
        self.values = values
        self.malformedEscapes = 0
    }

    public subscript(key: String) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// `other`'s values win, as a later file or `-D` system properties do in Druid.
    public func overlaid(with other: RuntimeProperties) -> RuntimeProperties {
        var merged = self
        merged.values.merge(other.values) { _, new in new }
        merged.malformedEscapes += other.malformedEscapes
        return merged
    }

    public static func parse(_ data: some Collection<UInt8>) -> RuntimeProperties {
        parse(String(decoding: data, as: UTF8.self))
    }

    public static func parse(_ text: String) -> RuntimeProperties {
        var parser = Parser(Array(text.unicodeScalars))
        parser.run()
        var properties = RuntimeProperties(parser.values)
        properties.malformedEscapes = parser.malformedEscapes
        return properties
    }

    private struct Parser {
        let input: [Unicode.Scalar]
        var position = 0
        var values: [String: String] = [:]
        var malformedEscapes = 0

        init(_ input: [Unicode.Scalar]) {
            self.input = input
        }

        static func isLineEnd(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
        static func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{0C}" }

        mutating func run() {
            while position < input.count {
                let line = nextLogicalLine()
                guard !line.isEmpty else { continue }
                parseLine(line)
            }
        }

        /// One logical line with continuations joined, leading white space removed and
        /// escapes still in place; empty for blank and comment lines.
        mutating func nextLogicalLine() -> [Unicode.Scalar] {
            var line: [Unicode.Scalar] = []
            var skippingLeadingBlanks = true
            var isComment = false
            while position < input.count {
                let c = input[position]
                position += 1
                if skippingLeadingBlanks {
                    if Self.isBlank(c) { continue }
                    if Self.isLineEnd(c) {
                        // A blank natural line; inside a continuation it ends the logical line.
                        if line.isEmpty { continue }
                        return line
                    }
                    skippingLeadingBlanks = false
                    if line.isEmpty && (c == "#" || c == "!") { isComment = true }
                }
                if Self.isLineEnd(c) {
                    if c == "\r", position < input.count, input[position] == "\n" { position += 1 }
                    if isComment { return [] }
                    // An odd run of trailing backslashes escapes the line end.
                    var backslashes = 0
                    var index = line.count - 1
                    while index >= 0, line[index] == "\\" {
                        backslashes += 1
                        index -= 1
                    }
                    guard backslashes % 2 == 1 else { return line }
                    line.removeLast()
                    skippingLeadingBlanks = true
                    continue
                }
                if !isComment { line.append(c) }
            }
            if isComment { return [] }
            // At the end of input a lone trailing backslash is dropped, as Java does.
            var backslashes = 0
            var index = line.count - 1
            while index >= 0, line[index] == "\\" {
                backslashes += 1
                index -= 1
            }
            if backslashes % 2 == 1 { line.removeLast() }
            return line
        }

        mutating func parseLine(_ line: [Unicode.Scalar]) {
            var keyEnd = 0
            var valueStart = line.count
            var escaped = false
            var separatorFound = false
            while keyEnd < line.count {
                let c = line[keyEnd]
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "=" || c == ":" {
                    valueStart = keyEnd + 1
                    separatorFound = true
                    break
                } else if Self.isBlank(c) {
                    valueStart = keyEnd + 1
                    break
                }
                keyEnd += 1
            }
            // After the key: white space, then at most one `=` or `:` (unless that
            // already ended the key), then white space.
            while valueStart < line.count, Self.isBlank(line[valueStart]) { valueStart += 1 }
            if !separatorFound, valueStart < line.count, line[valueStart] == "=" || line[valueStart] == ":" {
                valueStart += 1
                while valueStart < line.count, Self.isBlank(line[valueStart]) { valueStart += 1 }
            }
            let key = unescape(line[0..<keyEnd])
            let value = valueStart < line.count ? unescape(line[valueStart...]) : ""
            values[key] = value
        }

        mutating func unescape(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var result = String.UnicodeScalarView()
            var index = scalars.startIndex
            var pendingHighSurrogate: UInt32?
            func append(_ scalar: Unicode.Scalar) {
                if pendingHighSurrogate != nil {
                    result.append("\u{FFFD}")
                    pendingHighSurrogate = nil
                }
                result.append(scalar)
            }
            while index < scalars.endIndex {
                let c = scalars[index]
                index += 1
                guard c == "\\", index < scalars.endIndex else {
                    append(c)
                    continue
                }
                let escape = scalars[index]
                index += 1
                switch escape {
                case "t": append("\t")
                case "n": append("\n")
                case "r": append("\r")
                case "f": append("\u{0C}")
                case "u":
                    let digits = scalars[index..<min(index + 4, scalars.endIndex)]
                    guard digits.count == 4, digits.allSatisfy(\.properties.isASCIIHexDigit), let code = UInt32(String(String.UnicodeScalarView(digits)), radix: 16) else {
                        malformedEscapes += 1
                        append("\\")
                        append("u")
                        continue
                    }
                    index += 4
                    // Java strings are UTF-16: a surrogate pair arrives as two escapes.
                    if (0xD800...0xDBFF).contains(code) {
                        if pendingHighSurrogate != nil { result.append("\u{FFFD}") }
                        pendingHighSurrogate = code
                    } else if (0xDC00...0xDFFF).contains(code) {
                        if let high = pendingHighSurrogate,
                           let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) {
                            pendingHighSurrogate = nil
                            result.append(scalar)
                        } else {
                            append("\u{FFFD}")
                        }
                    } else if let scalar = Unicode.Scalar(code) {
                        append(scalar)
                    }
                default: append(escape)
                }
            }
            if pendingHighSurrogate != nil { result.append("\u{FFFD}") }
            return String(result)
        }
    }
}

/// Where a Druid process listens, from its properties.
public struct DruidListenAddress: Sendable, Hashable {
    public var scheme: String
    public var port: Int

    public init(scheme: String, port: Int) {
        self.scheme = scheme
        self.port = port
    }
}

extension RuntimeProperties {
    /// `druid.service`, when set and not empty.
    public var serviceName: String? {
        values["druid.service"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The plaintext port (`druid.plaintextPort`, or the older `druid.port`) unless
    /// `druid.enablePlaintextPort=false`; else the TLS port when `druid.enableTlsPort`
    /// is true; the kind's documented defaults for whatever is not set. Nil when both
    /// are off or a port is not a number in 1...65535.
    public func listenAddress(for kind: DruidServiceKind) -> DruidListenAddress? {
        if bool("druid.enablePlaintextPort") ?? true {
            guard let configured = values["druid.plaintextPort"] ?? values["druid.port"] else {
                return DruidListenAddress(scheme: "http", port: kind.defaultPlaintextPort)
            }
            return Self.port(configured).map { DruidListenAddress(scheme: "http", port: $0) }
        }
        if bool("druid.enableTlsPort") ?? false {
            guard let configured = values["druid.tlsPort"] else {
                return kind.defaultTLSPort.map { DruidListenAddress(scheme: "https", port: $0) }
            }
            return Self.port(configured).map { DruidListenAddress(scheme: "https", port: $0) }
        }
        return nil
    }

    /// `true`/`false` as Java's `Boolean.parseBoolean` reads them (anything else is false),
    /// nil when absent.
    public func bool(_ key: String) -> Bool? {
        values[key].map { $0.trimmingCharacters(in: .whitespaces).lowercased() == "true" }
    }

    private static func port(_ text: String) -> Int? {
        guard let port = Int(text.trimmingCharacters(in: .whitespaces)), (1...65_535).contains(port) else { return nil }
        return port
    }
}
