/// promtool's expanding notation for test series, one value per period: `1 2 _ 4`,
/// `a+bxn` (a, a+b, …: n + 1 values), `a-bxn`, `axn` (a repeated n + 1 times), `_` (a
/// missing period) and `_xn` (n + 1 missing periods).
public enum SeriesValuesNotation {
    /// The largest expansion accepted, so that a typo such as `0x100000000` is an error
    /// rather than gigabytes of values.
    public static let maximumValues = 100_000

    public static func expand(_ text: String) throws(SeriesValuesNotationError) -> [Double?] {
        var values: [Double?] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            let expanded = try expandToken(String(token))
            guard values.count + expanded.count <= maximumValues else { throw .tooMany(limit: maximumValues) }
            values += expanded
        }
        return values
    }

    private static func expandToken(_ token: String) throws(SeriesValuesNotationError) -> [Double?] {
        guard let x = token.lastIndex(of: "x"), token.firstIndex(of: "x") == x else {
            if token == "_" { return [nil] }
            guard let value = Double(token), value.isFinite else { throw .badToken(token) }
            return [value]
        }
        let head = String(token[..<x])
        guard let count = Int(token[token.index(after: x)...]), count >= 0, count < maximumValues else { throw .badToken(token) }
        if head == "_" { return Array(repeating: nil, count: count + 1) }
        // `a+b` or `a-b`; a leading sign belongs to `a`.
        // The separating sign is the last one not part of an exponent (`1e-3`).
        let signIndex = head.indices.dropFirst().last { index in
            (head[index] == "+" || head[index] == "-") && !"eE".contains(head[head.index(before: index)])
        }
        var start = Double(head)
        var step = 0.0
        if let signIndex {
            guard let a = Double(head[..<signIndex]), let b = Double(head[head.index(after: signIndex)...]) else { throw .badToken(token) }
            start = a
            step = head[signIndex] == "+" ? b : -b
        }
        guard let start, start.isFinite, step.isFinite else { throw .badToken(token) }
        return (0...count).map { start + Double($0) * step }
    }
}

public enum SeriesValuesNotationError: Error, Sendable, Hashable, CustomStringConvertible {
    case badToken(String)
    case tooMany(limit: Int)

    public var description: String {
        switch self {
        case let .badToken(token):
            "'\(token)' is not a value: use numbers, _ (missing), a+bxn, a-bxn, axn or _xn"
        case let .tooMany(limit):
            "the values expand to more than \(limit) periods"
        }
    }
}
