import Foundation

/// The AWS query protocol's form encoding: `key=value` pairs joined by `&`, with every
/// byte outside RFC 3986's unreserved set percent-encoded (upper-case hex), as the
/// SigV4 canonical form expects.
public enum QueryFormEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// Works on the UTF-8 bytes directly: Foundation's `addingPercentEncoding` on Linux
    /// goes through CFString and UTF-16 for every key and value, and made encoding a
    /// PutMetricData body slower than botocore's (Benchmarks/run encode).
    public static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        // Most keys and values (MetricData.member.12.Values.member.3, numbers) need none.
        if utf8.allSatisfy(isUnreserved) { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                escaped.append(byte)
            } else {
                escaped += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    public static func encode(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    /// Decimal text CloudWatch parses back to the same double: Swift's shortest
    /// round-trip form (`0.1`, `1e-05`, `12345.678`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// ISO 8601 in UTC with milliseconds, the form the query protocol takes for timestamps.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }
}
