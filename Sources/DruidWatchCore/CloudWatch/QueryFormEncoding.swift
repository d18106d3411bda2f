import Foundation

/// The AWS query protocol's form encoding: `key=value` pairs joined by `&`, with every
/// byte outside RFC 3986's unreserved set percent-encoded (upper-case hex), as the
/// SigV4 canonical form expects.
public enum QueryFormEncoding {
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        return set
    }()

    public static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
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
