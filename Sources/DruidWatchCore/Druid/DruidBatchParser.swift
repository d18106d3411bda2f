#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the batches Druid's HTTP emitter POSTs, in each of its framings (`ARRAY`:
/// `[e,e]`, `NEWLINES`: `e\ne\n`, `ONLY_EVENTS`: `ee`, and a single bare event), in
/// one pass and without a document model.
///
/// Two kinds of failure are kept apart. An event that is well-formed JSON but not a
/// usable event (no metric, a string value, an unreadable timestamp, invalid UTF-8) is
/// rejected alone and the batch goes on. JSON that breaks off (a truncated body,
/// garbage between events) ends the batch: the events before the break are kept and
/// the report says where it broke.
public struct DruidBatchParser {
    /// Which dimensions to keep for a metric; everything else an event carries is
    /// skipped without being decoded.
    public typealias DimensionSelector = (_ metric: String) -> [String]

    var dimensionTokens = DimensionTokenList(capacity: 32)
    private var timestamps = ISO8601MinuteCache()
    /// Set while `aggregate` runs: events are folded into it instead of handed out.
    var batch: DruidBatchAggregate.Builder?
    /// `batch != nil`, kept apart: comparing the optional with nil copied the builder,
    /// retaining and releasing every array in it, twice an event.
    var isAggregating = false

    public init() {}

    public mutating func parse(
        _ bytes: UnsafeRawBufferPointer,
        keeping selectDimensions: DimensionSelector,
        onMetric: (DruidMetricEvent) -> Void,
        onAlert: (DruidAlertEvent) -> Void
    ) -> DruidBatchReport {
        var report = DruidBatchReport()
        guard bytes.count > 0 else {
            report.malformed = JSONScanError(offset: 0, reason: "empty body")
            return report
        }
        var cursor = JSONCursor(bytes)
        var index = 0
        cursor.skipWhitespace()
        do throws(JSONScanError) {
            if cursor.current == UInt8(ascii: "[") {
                cursor.position += 1
                cursor.skipWhitespace()
                if cursor.current == UInt8(ascii: "]") {
                    cursor.position += 1
                } else {
                    while true {
                        cursor.skipWhitespace()
                        try parseElement(&cursor, index: index, report: &report, selectDimensions, onMetric, onAlert)
                        index += 1
                        cursor.skipWhitespace()
                        guard let next = cursor.current else { throw cursor.error("unexpected end of input: the array is not closed") }
                        cursor.position += 1
                        if next == UInt8(ascii: "]") { break }
                        guard next == UInt8(ascii: ",") else {
                            cursor.position -= 1
                            throw cursor.error("expected ',' or ']' between events, found \(cursor.describeCurrent())")
                        }
                    }
                }
                cursor.skipWhitespace()
                guard cursor.isAtEnd else { throw cursor.error("unexpected \(cursor.describeCurrent()) after the closing ']'") }
            } else {
                guard cursor.current == UInt8(ascii: "{") else {
                    throw cursor.error("a batch is a JSON array of events or a sequence of event objects; found \(cursor.describeCurrent())")
                }
                while !cursor.isAtEnd {
                    guard cursor.current == UInt8(ascii: "{") else {
                        throw cursor.error("expected the next event object, found \(cursor.describeCurrent())")
                    }
                    try parseElement(&cursor, index: index, report: &report, selectDimensions, onMetric, onAlert)
                    index += 1
                    cursor.skipWhitespace()
                }
            }
        } catch {
            report.malformed = error
        }
        return report
    }

    /// One array element or sequence item. Throws only when the JSON itself breaks.
    private mutating func parseElement(
        _ cursor: inout JSONCursor,
        index: Int,
        report: inout DruidBatchReport,
        _ selectDimensions: DimensionSelector,
        _ onMetric: (DruidMetricEvent) -> Void,
        _ onAlert: (DruidAlertEvent) -> Void
    ) throws(JSONScanError) {
        guard cursor.current == UInt8(ascii: "{") else {
            let start = cursor.position
            try cursor.skipValue()
            report.reject(index: index, reason: "at byte \(start): an event must be a JSON object")
            return
        }
        let start = cursor.position
        var fields = EventFields()
        try scanEvent(&cursor, into: &fields)
        let outcome = interpret(fields, cursor: cursor, objectRange: start..<cursor.position, selectDimensions)
        switch outcome {
        case let .metric(event):
            report.metrics += 1
            onMetric(event)
        case let .alert(event):
            report.alerts += 1
            onAlert(event)
        case .aggregated:
            report.metrics += 1
        case .unknownMetric:
            report.metrics += 1
            batch?.unknownMetrics += 1
        case .otherFeed:
            report.otherFeeds += 1
        case let .rejected(reason):
            report.reject(index: index, reason: "at byte \(start): \(reason)")
        }
    }

    // MARK: One event

    struct DimensionToken {
        var key: Range<Int>
        var keyEscaped: Bool
        var value: Range<Int>
        var kind: ValueKind
    }

    enum ValueKind { case string, escapedString, array, scalar, object, null }

    struct EventFields {
        var feed: (range: Range<Int>, escaped: Bool)?
        var timestamp: (range: Range<Int>, escaped: Bool)?
        var service: (range: Range<Int>, escaped: Bool)?
        var host: (range: Range<Int>, escaped: Bool)?
        var metric: (range: Range<Int>, escaped: Bool)?
        var value: Double?
        var problem: EventProblem?
        /// Some dimension's key holds an escape, so raw bytes cannot identify it.
        var anyKeyEscaped = false
    }

    /// What makes a well-formed event unusable, noted during the walk and worded only
    /// if the event is rejected: a `String` here made every event's fields a value to
    /// retain, copy and release.
    enum EventProblem: CustomStringConvertible {
        case emptyObject
        case notAString(ReservedKey)
        case valueOutOfRange
        case valueNotANumber

        var description: String {
            switch self {
            case .emptyObject: "empty event object"
            case let .notAString(key): "'\(key.rawValue)' is not a string"
            case .valueOutOfRange: "'value' is out of range"
            case .valueNotANumber: "'value' is not a number"
            }
        }
    }

    enum Outcome {
        case metric(DruidMetricEvent)
        /// Folded into `batch` (aggregate mode).
        case aggregated
        /// Aggregate mode: a metric the catalog does not know, dropped by policy.
        case unknownMetric
        case alert(DruidAlertEvent)
        case otherFeed
        case rejected(String)
    }

    /// Walks one object, noting where the fields of interest are. Syntax errors throw;
    /// problems of meaning are noted and the walk continues to the closing brace so the
    /// next event can still be found.
    ///
    /// Fills the caller's fields rather than returning them: the struct is some 150
    /// bytes, and returning it copied them several times per event.
    private mutating func scanEvent(_ cursor: inout JSONCursor, into fields: inout EventFields) throws(JSONScanError) {
        dimensionTokens.removeAll()
        cursor.position += 1
        cursor.skipWhitespace()
        if cursor.current == UInt8(ascii: "}") {
            cursor.position += 1
            fields.problem = .emptyObject
            return
        }
        while true {
            cursor.skipWhitespace()
            let key = try cursor.scanStringToken()
            try cursor.expect(UInt8(ascii: ":"), "':' after a key")
            cursor.skipWhitespace()
            let valueStart = cursor.position
            let reserved = key.escaped ? nil : ReservedKey(cursor, key.range)
            switch reserved {
            case .feed?, .timestamp?, .service?, .host?, .metric?:
                if cursor.current == UInt8(ascii: "\"") {
                    let token = try cursor.scanStringToken()
                    switch reserved {
                    case .feed?: fields.feed = token
                    case .timestamp?: fields.timestamp = token
                    case .service?: fields.service = token
                    case .host?: fields.host = token
                    default: fields.metric = token
                    }
                } else {
                    try cursor.skipValue()
                    fields.problem = fields.problem ?? .notAString(reserved!)
                }
            case .value?:
                if let byte = cursor.current, byte == UInt8(ascii: "-") || byte &- UInt8(ascii: "0") < 10 {
                    let number = try cursor.scanNumber()
                    if number.isFinite {
                        fields.value = number
                    } else {
                        fields.problem = fields.problem ?? .valueOutOfRange
                    }
                } else {
                    try cursor.skipValue()
                    fields.problem = fields.problem ?? .valueNotANumber
                }
            case .version?:
                try cursor.skipValue()
            case nil:
                switch cursor.current {
                case UInt8(ascii: "\"")?:
                    let token = try cursor.scanStringToken()
                    keep(DimensionToken(key: key.range, keyEscaped: key.escaped, value: token.range, kind: token.escaped ? .escapedString : .string), noting: &fields)
                case UInt8(ascii: "[")?:
                    try cursor.skipValue()
                    keep(DimensionToken(key: key.range, keyEscaped: key.escaped, value: valueStart..<cursor.position, kind: .array), noting: &fields)
                case UInt8(ascii: "{")?, UInt8(ascii: "n")?:
                    // Objects and nulls are never a dimension's value.
                    try cursor.skipValue()
                default:
                    try cursor.skipValue()
                    keep(DimensionToken(key: key.range, keyEscaped: key.escaped, value: valueStart..<cursor.position, kind: .scalar), noting: &fields)
                }
            }
            cursor.skipWhitespace()
            guard let next = cursor.current else { throw cursor.error("unexpected end of input inside an event") }
            cursor.position += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else {
                cursor.position -= 1
                throw cursor.error("expected ',' or '}' in an event, found \(cursor.describeCurrent())")
            }
        }
    }

    @inline(__always)
    private mutating func keep(_ token: DimensionToken, noting fields: inout EventFields) {
        dimensionTokens.append(token)
        if token.keyEscaped { fields.anyKeyEscaped = true }
    }

    enum ReservedKey: String {
        case feed, timestamp, service, host, metric, value, version

        /// Every key of every event goes through here: keys are told apart by their
        /// length and first eight bytes as one integer (and `timestamp`'s ninth byte),
        /// not by comparing strings.
        init?(_ cursor: JSONCursor, _ range: Range<Int>) {
            let length = range.count
            guard length >= 4, length <= 9 else { return nil }
            guard range.lowerBound + 8 <= cursor.bytes.count else {
                self.init(slowly: cursor, range)
                return
            }
            let word = ByteWords.load(cursor.bytes, at: range.lowerBound) & ByteWords.prefixMask(min(length, 8))
            switch (length, word) {
            case (4, Self.feedWord): self = .feed
            case (4, Self.hostWord): self = .host
            case (5, Self.valueWord): self = .value
            case (6, Self.metricWord): self = .metric
            case (7, Self.serviceWord): self = .service
            case (7, Self.versionWord): self = .version
            case (9, Self.timestampWord) where cursor.bytes[range.lowerBound + 8] == UInt8(ascii: "p"): self = .timestamp
            default: return nil
            }
        }

        /// A key in the last eight bytes of the body, where no whole word can be read.
        private init?(slowly cursor: JSONCursor, _ range: Range<Int>) {
            guard let key = Self.allCases.first(where: { cursor.token(range, equals: $0.literal) }) else { return nil }
            self = key
        }

        private static let allCases: [ReservedKey] = [.feed, .timestamp, .service, .host, .metric, .value, .version]

        private var literal: StaticString {
            switch self {
            case .feed: "feed"
            case .timestamp: "timestamp"
            case .service: "service"
            case .host: "host"
            case .metric: "metric"
            case .value: "value"
            case .version: "version"
            }
        }

        // The keys' bytes as little-endian integers, written out so that they are
        // constants rather than lazily initialised globals (`ByteWordsTests` checks them).
        static let feedWord: UInt64 = 0x6465_6566  // "feed"
        static let hostWord: UInt64 = 0x7473_6f68  // "host"
        static let valueWord: UInt64 = 0x65_756c_6176  // "value"
        static let metricWord: UInt64 = 0x6369_7274_656d  // "metric"
        static let serviceWord: UInt64 = 0x65_6369_7672_6573  // "service"
        static let versionWord: UInt64 = 0x6e_6f69_7372_6576  // "version"
        static let timestampWord: UInt64 = 0x6d61_7473_656d_6974  // "timestam"
    }

    private mutating func interpret(_ fields: EventFields, cursor: JSONCursor, objectRange: Range<Int>, _ selectDimensions: DimensionSelector) -> Outcome {
        do throws(JSONScanError) {
            if let token = fields.feed, token.escaped || !cursor.token(token.range, equals: "metrics") {
                let feed = try cursor.decodeString(token)
                if feed == "alerts" {
                    return try .alert(alert(cursor: cursor, objectRange: objectRange, fields))
                }
                if feed != "metrics" { return .otherFeed }
            }
            if let problem = fields.problem { return .rejected(problem.description) }
            guard let metricToken = fields.metric else { return .rejected("no 'metric'") }
            guard let value = fields.value else { return .rejected("no 'value'") }
            guard let serviceToken = fields.service else { return .rejected("no 'service'") }
            guard let timestampToken = fields.timestamp else { return .rejected("no 'timestamp'") }
            guard !timestampToken.escaped,
                  let timestamp = timestamps.secondsSince1970(UnsafeRawBufferPointer(rebasing: cursor.bytes[timestampToken.range])) else {
                return .rejected("'timestamp' is not an ISO-8601 time")
            }
            if isAggregating {
                return try fold(fields, metricToken: metricToken, serviceToken: serviceToken, value: value, timestamp: timestamp, cursor: cursor)
            }
            let metric = try cursor.decodeString(metricToken)
            guard !metric.isEmpty else { return .rejected("'metric' is empty") }
            return .metric(try materialize(fields, metric: metric, serviceToken: serviceToken, value: value, timestamp: timestamp, keeping: selectDimensions(metric), cursor: cursor))
        } catch {
            return .rejected(error.reason)
        }
    }

    /// The event with its strings decoded and its kept dimensions rendered.
    func materialize(
        _ fields: EventFields, metric: String, serviceToken: (range: Range<Int>, escaped: Bool), value: Double, timestamp: Double,
        keeping kept: [String], cursor: JSONCursor
    ) throws(JSONScanError) -> DruidMetricEvent {
        do {
            let service = try cursor.decodeString(serviceToken)
            var host = ""
            if let token = fields.host { host = try cursor.decodeString(token) }
            var dimensions: [(name: String, value: String)] = []
            for wanted in kept {
                guard let token = dimensionTokens.first(where: { keyMatches($0, wanted, cursor) }),
                      let rendered = try render(token, cursor) else { continue }
                dimensions.append((wanted, rendered))
            }
            return DruidMetricEvent(metric: metric, value: value, service: service, host: host, timestamp: timestamp, dimensions: dimensions)
        }
    }

    func keyMatches(_ token: DimensionToken, _ name: String, _ cursor: JSONCursor) -> Bool {
        if token.keyEscaped {
            return (try? cursor.decodeString((token.key, true))) == name
        }
        var name = name
        return name.withUTF8 { utf8 in
            utf8.count == token.key.count && memcmp(cursor.bytes.baseAddress! + token.key.lowerBound, utf8.baseAddress!, utf8.count) == 0
        }
    }

    /// A kept dimension's value as CloudWatch text. Multi-value dimensions (`gcGen`,
    /// a multi-value `dataSource`) are joined with commas; an empty array or null
    /// leaves the dimension out.
    private func render(_ token: DimensionToken, _ cursor: JSONCursor) throws(JSONScanError) -> String? {
        switch token.kind {
        case .string, .escapedString:
            let value = try cursor.decodeString((token.value, token.kind == .escapedString))
            return value.isEmpty ? nil : value
        case .scalar:
            return String(decoding: UnsafeRawBufferPointer(rebasing: cursor.bytes[token.value]), as: UTF8.self)
        case .array:
            var inner = JSONCursor(cursor.bytes, position: token.value.lowerBound + 1)
            var parts: [String] = []
            while true {
                inner.skipWhitespace()
                if inner.current == UInt8(ascii: "]") { break }
                if inner.current == UInt8(ascii: "\"") {
                    parts.append(try inner.decodeString(try inner.scanStringToken()))
                } else {
                    let start = inner.position
                    try inner.skipValue()
                    parts.append(String(decoding: UnsafeRawBufferPointer(rebasing: cursor.bytes[start..<inner.position]), as: UTF8.self))
                }
                inner.skipWhitespace()
                if inner.current == UInt8(ascii: ",") { inner.position += 1 }
            }
            return parts.isEmpty ? nil : parts.joined(separator: ",")
        case .object, .null:
            return nil
        }
    }

    // MARK: Alerts

    private func alert(cursor: JSONCursor, objectRange: Range<Int>, _ fields: EventFields) throws(JSONScanError) -> DruidAlertEvent {
        let timestamp = fields.timestamp.flatMap { token in
            token.escaped ? nil : ISO8601Timestamp.secondsSince1970(UnsafeRawBufferPointer(rebasing: cursor.bytes[token.range]))
        }
        return try DruidAlertFlattener.alert(cursor.bytes, objectStart: objectRange.lowerBound, timestamp: timestamp)
    }
}
