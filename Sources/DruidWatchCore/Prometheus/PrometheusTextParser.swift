import Foundation

/// Reads the Prometheus text exposition format (version 0.0.4), as served on
/// `/metrics` by Druid's prometheus-emitter, node_exporter and every client library.
///
/// The grammar follows Prometheus' own documentation (`exposition_formats.md`) and
/// parser (`expfmt/text_parse.go`):
///
/// * Lines end with a line feed; blank lines and comments other than `# HELP` and
///   `# TYPE` are ignored. Tokens are separated by blanks or tabs.
/// * `# HELP name text`: the text unescapes `\\` and `\n` (and `\"`, as expfmt does).
/// * `# TYPE name counter|gauge|histogram|summary|untyped`, at most once per name and
///   before that name's samples.
/// * `name{label="value",...} value [timestamp]`: names `[a-zA-Z_:][a-zA-Z0-9_:]*`,
///   label names `[a-zA-Z_][a-zA-Z0-9_]*`, label values UTF-8 with `\\`, `\"` and
///   `\n` escaped, a trailing comma allowed; the value a float as Go's `ParseFloat`
///   reads it (`NaN`, `+Inf`, `-Inf`, exponents; no hexadecimal, no `_`), the
///   timestamp an int64 of milliseconds.
/// * Histograms `x` have `x_bucket{le="..."}`, `x_sum` and `x_count`; summaries `x`
///   have `x{quantile="..."}`, `x_sum` and `x_count`. A counter `x` may expose its
///   sample as `x_total`.
///
/// Unlike expfmt, which gives up at the first bad line, a bad line is skipped, counted
/// and reported with its number and reason; the others are kept. A line that does not
/// end with a line feed (the body was cut short) is dropped the same way, since its
/// value may be incomplete. Every size is bounded (see `Limits`), so no input can make
/// the parser allocate without bound, and none makes it crash.
public struct PrometheusTextParser: Sendable {
    public struct Limits: Sendable, Hashable {
        /// Larger bodies are refused as a whole.
        public var maximumBodyBytes: Int
        /// A longer line is skipped. Real lines are well under 1 KiB; a label value
        /// holding a whole SQL query is what this guards against.
        public var maximumLineBytes: Int
        /// A sample with more labels is skipped.
        public var maximumLabelsPerSample: Int
        /// Parsing stops after this many samples; the result says it was truncated.
        public var maximumSamples: Int
        /// How many skipped lines are described in the result (all are counted).
        public var maximumReportedProblems: Int

        public init(
            maximumBodyBytes: Int = 64 << 20,
            maximumLineBytes: Int = 64 << 10,
            maximumLabelsPerSample: Int = 64,
            maximumSamples: Int = 1_000_000,
            maximumReportedProblems: Int = 20
        ) {
            self.maximumBodyBytes = maximumBodyBytes
            self.maximumLineBytes = maximumLineBytes
            self.maximumLabelsPerSample = maximumLabelsPerSample
            self.maximumSamples = maximumSamples
            self.maximumReportedProblems = maximumReportedProblems
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public func parse(_ text: String) throws(PrometheusParseError) -> PrometheusParseResult {
        try parse(bytes: Array(text.utf8))
    }

    public func parse(_ body: Data) throws(PrometheusParseError) -> PrometheusParseResult {
        guard body.count <= limits.maximumBodyBytes else {
            throw .bodyTooLarge(bytes: body.count, limit: limits.maximumBodyBytes)
        }
        return try parse(bytes: [UInt8](body))
    }

    public func parse(bytes: [UInt8]) throws(PrometheusParseError) -> PrometheusParseResult {
        guard !bytes.isEmpty else { throw .emptyBody }
        guard bytes.count <= limits.maximumBodyBytes else {
            throw .bodyTooLarge(bytes: bytes.count, limit: limits.maximumBodyBytes)
        }
        if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B { throw .compressed }

        var builder = Builder(limits: limits)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            var number = 0
            while start < buffer.count {
                number += 1
                var end = start
                while end < buffer.count, buffer[end] != ASCII.lineFeed { end += 1 }
                guard end < buffer.count else {
                    let line = LineScanner(buffer: buffer, position: start, end: end)
                    if !line.isBlank {
                        builder.skip(line: number, reason: "no line feed at the end of the body: the line may be cut short")
                        builder.truncated = true
                    }
                    break
                }
                if builder.sampleCount >= limits.maximumSamples {
                    builder.truncated = true
                    builder.skip(line: number, reason: "sample limit of \(limits.maximumSamples) reached; the rest of the body is ignored")
                    break
                }
                do throws(LineError) {
                    try builder.parseLine(LineScanner(buffer: buffer, position: start, end: end), number: number)
                } catch {
                    builder.skip(line: number, reason: error.reason)
                }
                start = end + 1
            }
        }
        let result = builder.result
        if result.families.isEmpty, result.skippedLines > 0 {
            throw .noSamples(skippedLines: result.skippedLines, firstProblem: result.problems.first)
        }
        if result.families.isEmpty, !looksLikeText(bytes) {
            throw .noSamples(skippedLines: 0, firstProblem: nil)
        }
        return result
    }

    /// Whether a body without a sample is at least UTF-8 lines (comments, blank
    /// lines: an exporter whose metrics have no series yet), rather than something else.
    private func looksLikeText(_ bytes: [UInt8]) -> Bool {
        bytes.contains(ASCII.lineFeed) && String(validating: bytes, as: UTF8.self) != nil
    }
}

// MARK: - Building the result

private enum ASCII {
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let hash = UInt8(ascii: "#")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let equals = UInt8(ascii: "=")
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")

    static func isLetter(_ byte: UInt8) -> Bool { (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
}

/// Why one line was skipped.
private struct LineError: Error {
    var reason: String
}

private struct Builder {
    let limits: PrometheusTextParser.Limits
    var families: [PrometheusMetricFamily] = []
    var positions: [String: Int] = [:]
    /// Per family: whether a `# TYPE` line set its type.
    var typeDeclared: [Bool] = []
    var sampleCount = 0
    var skippedLines = 0
    var problems: [PrometheusLineProblem] = []
    var truncated = false

    init(limits: PrometheusTextParser.Limits) {
        self.limits = limits
    }

    var result: PrometheusParseResult {
        PrometheusParseResult(
            families: families.filter { !$0.samples.isEmpty },
            skippedLines: skippedLines,
            problems: problems,
            truncated: truncated
        )
    }

    mutating func skip(line: Int, reason: String) {
        skippedLines += 1
        if problems.count < limits.maximumReportedProblems {
            problems.append(PrometheusLineProblem(line: line, reason: reason))
        }
    }

    mutating func parseLine(_ line: LineScanner, number: Int) throws(LineError) {
        var scanner = line
        if scanner.end - scanner.position > limits.maximumLineBytes {
            throw LineError(reason: "line of \(scanner.end - scanner.position) bytes exceeds the limit of \(limits.maximumLineBytes)")
        }
        // Tolerated although the format says \n: a body written with CRLF.
        if scanner.end > scanner.position, scanner.buffer[scanner.end - 1] == ASCII.carriageReturn {
            scanner.end -= 1
        }
        scanner.skipBlanks()
        guard let first = scanner.peek else { return }
        if first == ASCII.hash {
            try parseComment(&scanner)
        } else {
            try parseSample(&scanner, number: number)
        }
    }

    // MARK: Comments

    private mutating func parseComment(_ scanner: inout LineScanner) throws(LineError) {
        scanner.advance()
        scanner.skipBlanks()
        let keyword = scanner.readToken()
        guard keyword == "HELP" || keyword == "TYPE" else { return }  // a plain comment
        scanner.skipBlanks()
        if scanner.atEnd { return }  // "# HELP" alone: nothing to record, as in expfmt
        let name = scanner.readMetricName()
        if name.isEmpty || (!scanner.atEnd && !scanner.peekIsBlank) {
            throw LineError(reason: "invalid metric name in \(keyword) line")
        }
        scanner.skipBlanks()
        if scanner.atEnd { return }
        let position = family(named: name)
        if keyword == "HELP" {
            guard families[position].help == nil else {
                throw LineError(reason: "second HELP line for \(name)")
            }
            families[position].help = try scanner.readHelpText()
        } else {
            let word = scanner.readRest().trimmingCharacters(in: .whitespaces)
            guard let type = PrometheusMetricType(rawValue: word.lowercased()) else {
                throw LineError(reason: "unknown metric type \"\(word.prefix(64))\" for \(name)")
            }
            guard !typeDeclared[position] else {
                throw LineError(reason: "second TYPE line for \(name)")
            }
            guard families[position].samples.isEmpty else {
                throw LineError(reason: "TYPE line for \(name) after its samples")
            }
            families[position].type = type
            typeDeclared[position] = true
        }
    }

    private mutating func family(named name: String) -> Int {
        if let position = positions[name] { return position }
        positions[name] = families.count
        families.append(PrometheusMetricFamily(name: name, type: .untyped))
        typeDeclared.append(false)
        return families.count - 1
    }

    // MARK: Samples

    private mutating func parseSample(_ scanner: inout LineScanner, number: Int) throws(LineError) {
        let name = scanner.readMetricName()
        guard !name.isEmpty else {
            if scanner.peek == ASCII.openBrace {
                throw LineError(reason: "sample without a metric name (quoted names are not supported)")
            }
            throw LineError(reason: "invalid metric name")
        }
        scanner.skipBlanks()
        var labels: [PrometheusSample.Label] = []
        if scanner.peek == ASCII.openBrace {
            scanner.advance()
            labels = try readLabels(&scanner, metric: name)
            scanner.skipBlanks()
        }
        let valueToken = scanner.readToken()
        guard !valueToken.isEmpty else {
            throw LineError(reason: "\(name): missing value")
        }
        let value = try Self.parseValue(valueToken, metric: name)
        scanner.skipBlanks()
        var timestamp: Int64?
        if !scanner.atEnd {
            let token = scanner.readToken()
            guard let parsed = Self.parseTimestamp(token) else {
                throw LineError(reason: "\(name): invalid timestamp \"\(token.prefix(64))\" (milliseconds as an int64 expected)")
            }
            timestamp = parsed
            scanner.skipBlanks()
            guard scanner.atEnd else {
                throw LineError(reason: "\(name): unexpected text after the timestamp")
            }
        }
        try add(name: name, labels: labels, value: value, timestamp: timestamp, line: number)
    }

    private func readLabels(_ scanner: inout LineScanner, metric: String) throws(LineError) -> [PrometheusSample.Label] {
        var labels: [PrometheusSample.Label] = []
        while true {
            scanner.skipBlanks()
            if scanner.consume(ASCII.closeBrace) { return labels }
            let labelName = scanner.readLabelName()
            guard !labelName.isEmpty else {
                throw LineError(reason: scanner.atEnd ? "\(metric): label set not closed" : "\(metric): invalid label name")
            }
            scanner.skipBlanks()
            guard scanner.consume(ASCII.equals) else {
                throw LineError(reason: "\(metric): expected '=' after label name \(labelName)")
            }
            scanner.skipBlanks()
            guard scanner.consume(ASCII.quote) else {
                throw LineError(reason: "\(metric): expected '\"' to open the value of label \(labelName)")
            }
            let value = try scanner.readLabelValue(label: labelName)
            guard labelName != "__name__" else {
                throw LineError(reason: "\(metric): label name __name__ is reserved")
            }
            guard !labels.contains(where: { $0.name == labelName }) else {
                throw LineError(reason: "\(metric): duplicate label \(labelName)")
            }
            labels.append(PrometheusSample.Label(labelName, value))
            guard labels.count <= limits.maximumLabelsPerSample else {
                throw LineError(reason: "\(metric): more than \(limits.maximumLabelsPerSample) labels")
            }
            scanner.skipBlanks()
            if scanner.consume(ASCII.comma) { continue }
            if scanner.consume(ASCII.closeBrace) { return labels }
            throw LineError(reason: scanner.atEnd
                ? "\(metric): label set not closed"
                : "\(metric): expected ',' or '}' after the value of label \(labelName)")
        }
    }

    /// Files the sample under its family: its own name's, or for `_bucket`, `_sum`,
    /// `_count` (and a counter's `_total`) the base name's when that is a family of
    /// the matching type, as expfmt does; otherwise a new untyped family.
    private mutating func add(
        name: String, labels: [PrometheusSample.Label], value: Double, timestamp: Int64?, line: Int
    ) throws(LineError) {
        var labels = labels
        var role = PrometheusSample.Role.value
        var position = positions[name]
        if let exact = position {
            switch families[exact].type {
            case .histogram:
                throw LineError(reason: "\(name): a histogram's samples are \(name)_bucket, \(name)_sum and \(name)_count")
            case .summary:
                role = .quantile(try Self.take("quantile", from: &labels, metric: name))
            case .counter, .gauge, .untyped:
                break
            }
        } else if let (base, suffix) = Self.split(name), let basePosition = positions[base] {
            switch (families[basePosition].type, suffix) {
            case (.histogram, "_bucket"):
                role = .bucket(upperBound: try Self.take("le", from: &labels, metric: name))
                position = basePosition
            case (.histogram, "_sum"), (.summary, "_sum"):
                role = .sum
                position = basePosition
            case (.histogram, "_count"), (.summary, "_count"):
                role = .count
                position = basePosition
            case (.counter, "_total"):
                position = basePosition
            default:
                break
            }
        }
        let target = position ?? family(named: name)
        families[target].samples.append(PrometheusSample(
            name: name, labels: labels, value: value, timestampMilliseconds: timestamp, role: role, line: line
        ))
        sampleCount += 1
    }

    private static func split(_ name: String) -> (base: String, suffix: String)? {
        for suffix in ["_bucket", "_sum", "_count", "_total"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return (String(name.dropLast(suffix.count)), suffix)
        }
        return nil
    }

    /// Removes the label `label` (`le`, `quantile`) and returns its value as a float.
    private static func take(_ label: String, from labels: inout [PrometheusSample.Label], metric: String) throws(LineError) -> Double {
        guard let index = labels.firstIndex(where: { $0.name == label }) else {
            throw LineError(reason: "\(metric): no \(label) label")
        }
        let text = labels[index].value
        guard let bound = parseFloat(Substring(text)), !bound.isNaN else {
            throw LineError(reason: "\(metric): \(label) label \"\(text.prefix(64))\" is not a number")
        }
        labels.remove(at: index)
        return bound
    }

    // MARK: Numbers

    static func parseValue(_ token: Substring, metric: String) throws(LineError) -> Double {
        guard let value = parseFloat(token) else {
            if isDecimalLiteral(token) {
                throw LineError(reason: "\(metric): value \(token.prefix(64)) is out of range for a 64-bit float")
            }
            throw LineError(reason: "\(metric): invalid value \"\(token.prefix(64))\"")
        }
        return value
    }

    /// Go's `ParseFloat` without the hexadecimal and underscore forms (which expfmt
    /// refuses too); nil for anything else, and for finite literals that overflow to
    /// infinity (Go reports those as out of range).
    static func parseFloat(_ token: Substring) -> Double? {
        var unsigned = token
        var negative = false
        if let sign = unsigned.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            unsigned = unsigned.dropFirst()
        }
        switch unsigned.lowercased() {
        case "inf", "infinity": return negative ? -.infinity : .infinity
        case "nan": return token.first == "+" || token.first == "-" ? nil : .nan
        default: break
        }
        guard isDecimalLiteral(token), let value = Double(String(token)), value.isFinite else { return nil }
        return value
    }

    /// `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`
    static func isDecimalLiteral(_ token: Substring) -> Bool {
        let bytes = Array(token.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        var mantissaDigits = 0
        while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1; mantissaDigits += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return index == bytes.count
    }

    static func parseTimestamp(_ token: Substring) -> Int64? {
        var digits = token
        if let sign = digits.first, sign == "+" || sign == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy(ASCII.isDigit) else { return nil }
        return Int64(token.first == "+" ? String(digits) : String(token))
    }
}

// MARK: - Scanning one line

/// A cursor over one line's bytes (without its line feed).
private struct LineScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    var position: Int
    var end: Int

    var atEnd: Bool { position >= end }
    var peek: UInt8? { position < end ? buffer[position] : nil }
    var peekIsBlank: Bool { peek.map(ASCII.isBlank) ?? false }

    var isBlank: Bool {
        var index = position
        while index < end {
            let byte = buffer[index]
            if !ASCII.isBlank(byte), byte != ASCII.carriageReturn { return false }
            index += 1
        }
        return true
    }

    mutating func advance() { position += 1 }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    mutating func skipBlanks() {
        while position < end, ASCII.isBlank(buffer[position]) { position += 1 }
    }

    /// Up to the next blank or the end of the line.
    mutating func readToken() -> Substring {
        let start = position
        while position < end, !ASCII.isBlank(buffer[position]) { position += 1 }
        return Substring(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self))
    }

    mutating func readRest() -> String {
        let start = position
        position = end
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`; empty when the next byte cannot start one.
    mutating func readMetricName() -> String {
        readName(allowsColon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    mutating func readLabelName() -> String {
        readName(allowsColon: false)
    }

    private mutating func readName(allowsColon: Bool) -> String {
        let start = position
        func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
            ASCII.isLetter(byte) || byte == UInt8(ascii: "_") || (allowsColon && byte == UInt8(ascii: ":"))
                || (!first && ASCII.isDigit(byte))
        }
        while position < end, isNameByte(buffer[position], first: position == start) { position += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<position]), as: UTF8.self)
    }

    /// The rest of a quoted label value, after its opening quote, up to and including
    /// the closing quote: `\\`, `\"` and `\n` unescaped; the value must be UTF-8.
    mutating func readLabelValue(label: String) throws(LineError) -> String {
        var bytes: [UInt8] = []
        while position < end {
            let byte = buffer[position]
            position += 1
            switch byte {
            case ASCII.quote:
                guard let value = String(validating: bytes, as: UTF8.self) else {
                    throw LineError(reason: "value of label \(label) is not valid UTF-8")
                }
                return value
            case ASCII.backslash:
                guard position < end else { break }
                let escaped = buffer[position]
                position += 1
                switch escaped {
                case ASCII.backslash, ASCII.quote: bytes.append(escaped)
                case UInt8(ascii: "n"): bytes.append(ASCII.lineFeed)
                default:
                    throw LineError(reason: "invalid escape sequence \\\(Character(Unicode.Scalar(escaped))) in the value of label \(label)")
                }
            default:
                bytes.append(byte)
            }
        }
        throw LineError(reason: "value of label \(label) not closed")
    }

    /// The rest of a HELP line, unescaped: `\\`, `\n` and, as expfmt accepts, `\"`.
    mutating func readHelpText() throws(LineError) -> String {
        var bytes: [UInt8] = []
        while position < end {
            let byte = buffer[position]
            position += 1
            guard byte == ASCII.backslash else {
                bytes.append(byte)
                continue
            }
            guard position < end else {
                throw LineError(reason: "HELP text ends with a lone backslash")
            }
            let escaped = buffer[position]
            position += 1
            switch escaped {
            case ASCII.backslash, ASCII.quote: bytes.append(escaped)
            case UInt8(ascii: "n"): bytes.append(ASCII.lineFeed)
            default:
                throw LineError(reason: "invalid escape sequence \\\(Character(Unicode.Scalar(escaped))) in HELP text")
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LineError(reason: "HELP text is not valid UTF-8")
        }
        return text
    }
}
