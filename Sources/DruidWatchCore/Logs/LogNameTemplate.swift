/// A log group or stream name with placeholders filled in from the instance and the
/// file: `/druid/{cluster}/{service}`, `{instance_id}`. Values are made to fit CloudWatch
/// Logs' rules: group names take only `A-Z a-z 0-9 . - _ / #`, stream names anything but
/// `:` and `*`, both at most 512 characters; other characters become `_`.
public struct LogNameTemplate: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case group, stream
    }

    public static let placeholders = ["cluster", "service", "instance_id", "host", "auto_scaling_group"]
    public static let maximumLength = 512

    public let kind: Kind
    public let text: String

    public struct TemplateError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(_ text: String, kind: Kind) throws(TemplateError) {
        self.kind = kind
        self.text = text
        guard !text.isEmpty else { throw TemplateError(description: "must not be empty") }
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw TemplateError(description: "'{' without '}'") }
            let name = String(rest[rest.index(after: open)..<close])
            guard Self.placeholders.contains(name) else {
                throw TemplateError(description: "unknown placeholder {\(name)}; known: \(Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))")
            }
            rest = rest[rest.index(after: close)...]
        }
        let literal = Self.placeholders.reduce(text) { $0.replacingOccurrences(of: "{\($1)}", with: "") }
        if let bad = literal.first(where: { !Self.allowed($0, kind: kind) }) {
            throw TemplateError(description: "'\(bad)' is not allowed in a log \(kind == .group ? "group" : "stream") name")
        }
    }

    public var description: String { text }

    /// The name for these values; a placeholder without a value becomes `unknown`.
    public func name(_ values: [String: String]) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let value = values[String(rest[rest.index(after: open)..<close])].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            result += String(value.map { Self.allowed($0, kind: kind) ? $0 : "_" })
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return String(result.prefix(Self.maximumLength))
    }

    static func allowed(_ character: Character, kind: Kind) -> Bool {
        switch kind {
        case .group:
            character.isASCII && (character.isLetter || character.isNumber || ".-_/#".contains(character))
        case .stream:
            character != ":" && character != "*"
        }
    }
}
