/// What one body yielded: its families, and the lines that had to be skipped.
public struct PrometheusParseResult: Sendable, Hashable {
    /// Families that have at least one sample, in order of first appearance.
    public var families: [PrometheusMetricFamily]
    /// Lines skipped as malformed (comments and blank lines are not counted).
    public var skippedLines: Int
    /// The first few skipped lines with their reason (at most
    /// `PrometheusTextParser.Limits.maximumReportedProblems`).
    public var problems: [PrometheusLineProblem]
    /// Whether the body ended without a line feed, so that its last line was dropped
    /// as possibly cut short, or the sample limit stopped the parse early.
    public var truncated: Bool

    public init(families: [PrometheusMetricFamily] = [], skippedLines: Int = 0, problems: [PrometheusLineProblem] = [], truncated: Bool = false) {
        self.families = families
        self.skippedLines = skippedLines
        self.problems = problems
        self.truncated = truncated
    }

    public var sampleCount: Int { families.reduce(0) { $0 + $1.samples.count } }

    /// The family named `name`, if any.
    public func family(_ name: String) -> PrometheusMetricFamily? {
        families.first { $0.name == name }
    }
}
