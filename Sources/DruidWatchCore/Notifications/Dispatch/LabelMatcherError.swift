/// Why a silence matcher's text was refused, quoting the offending text.
public enum LabelMatcherError: Error, Sendable, Hashable, CustomStringConvertible {
    case missingOperator(String)
    case emptyName
    case invalidName(String)
    case invalidRegex(String)
    case unterminatedQuote(String)
    case textAfterClosingQuote(String)

    public var description: String {
        switch self {
        case let .missingOperator(text):
            "matcher \"\(text)\": expected name=value, name!=value, name=~regex or name!~regex"
        case .emptyName:
            "matcher without a label name"
        case let .invalidName(name):
            "label name \"\(name)\": only letters, digits and _ . - / : are allowed"
        case let .invalidRegex(pattern):
            "regular expression \"\(pattern)\" does not compile"
        case let .unterminatedQuote(text):
            "matcher \"\(text)\": the quoted value has no closing quote"
        case let .textAfterClosingQuote(text):
            "matcher \"\(text)\": text after the closing quote"
        }
    }
}
