/// What makes a line the start of a new log event; any other line continues the event
/// before it (a Java stack trace's `\tat …` and `Caused by: …` lines).
public enum LineStartRule: Sendable {
    /// Lines that begin with a `yyyy-MM-dd` date, as every line of Druid's log4j2
    /// layout does.
    case datePrefix
    /// Every line is an event of its own.
    case everyLine
    /// Lines that the operator's regular expression matches at their start.
    case pattern(LineStartPattern)

    public func startsEvent(_ line: String) -> Bool {
        switch self {
        case .datePrefix: DruidLogLine.startsWithDate(line)
        case .everyLine: true
        case let .pattern(pattern): pattern.matchesStart(of: line)
        }
    }
}

/// A compiled `multiline_start` expression.
///
/// `@unchecked Sendable` because the standard library's `Regex` does not declare
/// itself Sendable; it is never mutated after compiling, and matching does not change it.
public final class LineStartPattern: @unchecked Sendable {
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    public init(_ source: String) throws {
        self.source = source
        regex = try Regex(source)
    }

    public func matchesStart(of line: String) -> Bool {
        (try? regex.prefixMatch(in: line)) != nil
    }
}
