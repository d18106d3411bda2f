import Foundation

/// One condition of a silence on one label, in Alertmanager's syntax: `name=value`,
/// `name!=value`, `name=~regex`, `name!~regex`. A label the instance lacks has the empty
/// value, as in Alertmanager, so `team=""` matches instances without a team.
public struct LabelMatcher: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case matchesRegex = "=~"
        case doesNotMatchRegex = "!~"
    }

    public let name: String
    public let `operator`: Operator
    public let value: String
    /// Compiled once here rather than on every match: silences are checked against every
    /// instance every cycle. Anchored at both ends as Alertmanager does, so `=~query`
    /// does not match `DruidQueryFailures`.
    private let regex: NSRegularExpression?

    public init(name: String, _ operator: Operator, _ value: String) throws(LabelMatcherError) {
        guard !name.isEmpty else { throw .emptyName }
        guard name.unicodeScalars.allSatisfy(Self.isNameCharacter) else { throw .invalidName(name) }
        self.name = name
        self.operator = `operator`
        self.value = value
        switch `operator` {
        case .equal, .notEqual:
            regex = nil
        case .matchesRegex, .doesNotMatchRegex:
            do {
                regex = try NSRegularExpression(pattern: "^(?:\(value))$")
            } catch {
                throw .invalidRegex(value)
            }
        }
    }

    /// Parses `alarm=DruidQueryFailures`, `dataSource=~"wiki.*"`. A value may be put in
    /// double quotes (with `\"` and `\\` inside) to keep leading or trailing spaces.
    public init(parsing text: String) throws(LabelMatcherError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let operatorStart = trimmed.firstIndex(where: { $0 == "=" || $0 == "!" }) else {
            throw .missingOperator(text)
        }
        let name = trimmed[..<operatorStart].trimmingCharacters(in: .whitespaces)
        let rest = trimmed[operatorStart...]
        // Longest spelling first: "=~" before "=".
        let spellings: [Operator] = [.matchesRegex, .doesNotMatchRegex, .notEqual, .equal]
        guard let found = spellings.first(where: { rest.hasPrefix($0.rawValue) }) else { throw .missingOperator(text) }
        let rawValue = rest.dropFirst(found.rawValue.count)
        try self.init(name: name, found, try Self.unquoted(rawValue.trimmingCharacters(in: .whitespaces), in: text))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public func matches(_ labels: [String: String]) -> Bool {
        let actual = labels[name] ?? ""
        switch `operator` {
        case .equal: return actual == value
        case .notEqual: return actual != value
        case .matchesRegex: return wholeMatch(actual)
        case .doesNotMatchRegex: return !wholeMatch(actual)
        }
    }

    /// The text `init(parsing:)` reads back to this matcher.
    public var description: String {
        let needsQuotes = value.hasPrefix("\"") || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        let shown = needsQuotes
            ? "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            : value
        return "\(name)\(`operator`.rawValue)\(shown)"
    }

    public static func == (lhs: LabelMatcher, rhs: LabelMatcher) -> Bool {
        lhs.name == rhs.name && lhs.operator == rhs.operator && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(`operator`)
        hasher.combine(value)
    }

    private func wholeMatch(_ text: String) -> Bool {
        guard let regex else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Label names here are CloudWatch dimension names as well as rule label keys, so a
    /// little more than Prometheus' `[a-zA-Z_][a-zA-Z0-9_]*`; never an operator character
    /// or a space, which would make the text ambiguous.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-", "/", ":": true
        default: false
        }
    }

    private static func unquoted(_ raw: String, in text: String) throws(LabelMatcherError) -> String {
        guard raw.hasPrefix("\"") else { return raw }
        var result = ""
        var escaped = false
        var closed = false
        for character in raw.dropFirst() {
            if closed { throw .textAfterClosingQuote(text) }
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                closed = true
            } else {
                result.append(character)
            }
        }
        guard closed else { throw .unterminatedQuote(text) }
        return result
    }
}
