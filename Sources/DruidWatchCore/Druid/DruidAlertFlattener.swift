#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns one `alerts` feed event into a `DruidAlertEvent`: objects become dotted paths
/// (`data.segment.dataSource`), arrays and scalars are kept as their JSON text, strings
/// are decoded, and the top-level `service`, `host`, `severity` and `description` become
/// the alert's headline rather than fields (`feed` is dropped).
///
/// In the benchmark's batch an alert is one event in 84 but cost a tenth of the parse:
/// each path was built by string interpolation and the headline fields were inserted
/// into the dictionary only to be removed again. Paths are now built in one byte buffer
/// and a `String` is made only for a field that is kept.
struct DruidAlertFlattener {
    private var path: [UInt8] = []
    private var fields: [String: String]
    private var service: String?
    private var host: String?
    private var severity: String?
    private var description: String?

    private init() {
        path.reserveCapacity(64)
        // Druid's alerts carry a dozen fields or so: room for them from the start, not
        // a table rebuilt at every doubling.
        fields = Dictionary(minimumCapacity: 24)
    }

    /// The alert whose object starts at `objectStart`; `timestamp` is read by the caller.
    static func alert(_ bytes: UnsafeRawBufferPointer, objectStart: Int, timestamp: Double?) throws(JSONScanError) -> DruidAlertEvent {
        var flattener = DruidAlertFlattener()
        var cursor = JSONCursor(bytes, position: objectStart)
        try flattener.flatten(&cursor, depth: 0)
        return DruidAlertEvent(
            service: flattener.service ?? "", host: flattener.host ?? "", severity: flattener.severity ?? "unknown",
            description: flattener.description ?? "", timestamp: timestamp, fields: flattener.fields
        )
    }

    private mutating func flatten(_ cursor: inout JSONCursor, depth: Int) throws(JSONScanError) {
        cursor.skipWhitespace()
        switch cursor.current {
        case UInt8(ascii: "{")? where depth < JSONCursor.maximumDepth:
            cursor.position += 1
            cursor.skipWhitespace()
            if cursor.current == UInt8(ascii: "}") {
                cursor.position += 1
                return
            }
            while true {
                cursor.skipWhitespace()
                let parentLength = path.count
                try appendKey(try cursor.scanStringToken(), of: cursor)
                try cursor.expect(UInt8(ascii: ":"), "':' after a key")
                try flatten(&cursor, depth: depth + 1)
                path.removeSubrange(parentLength...)
                cursor.skipWhitespace()
                guard let next = cursor.current else { throw cursor.error("unexpected end of input inside an object") }
                cursor.position += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw cursor.error("expected ',' or '}'") }
            }
        case UInt8(ascii: "\"")?:
            keep(try cursor.decodeString(try cursor.scanStringToken()), isTopLevel: depth == 1)
        default:
            let start = cursor.position
            try cursor.skipValue(depth: depth)
            keep(String(decoding: UnsafeRawBufferPointer(rebasing: cursor.bytes[start..<cursor.position]), as: UTF8.self), isTopLevel: depth == 1)
        }
    }

    /// Adds `.key` to the path. Plain ASCII keys (nearly all) are copied as they stand;
    /// the rest are decoded, which also rejects invalid UTF-8.
    private mutating func appendKey(_ token: (range: Range<Int>, escaped: Bool), of cursor: JSONCursor) throws(JSONScanError) {
        if !path.isEmpty { path.append(UInt8(ascii: ".")) }
        if !token.escaped, ByteWords.isASCII(cursor.bytes, token.range) {
            path.append(contentsOf: UnsafeRawBufferPointer(rebasing: cursor.bytes[token.range]))
        } else {
            path.append(contentsOf: try cursor.decodeString(token).utf8)
        }
    }

    private mutating func keep(_ value: String, isTopLevel: Bool) {
        if isTopLevel {
            switch HeadlineField(path) {
            case .service?: service = value; return
            case .host?: host = value; return
            case .severity?: severity = value; return
            case .description?: description = value; return
            case .feed?: return
            case nil: break
            }
        }
        fields[String(decoding: path, as: UTF8.self)] = value
    }

    private enum HeadlineField {
        case service, host, severity, description, feed

        init?(_ key: [UInt8]) {
            let literal: StaticString
            switch key.count {
            case 4 where key[0] == UInt8(ascii: "h"): (self, literal) = (.host, "host")
            case 4: (self, literal) = (.feed, "feed")
            case 7: (self, literal) = (.service, "service")
            case 8: (self, literal) = (.severity, "severity")
            case 11: (self, literal) = (.description, "description")
            default: return nil
            }
            let matches = key.withUnsafeBytes { memcmp($0.baseAddress!, literal.utf8Start, key.count) == 0 }
            if !matches { return nil }
        }
    }
}
