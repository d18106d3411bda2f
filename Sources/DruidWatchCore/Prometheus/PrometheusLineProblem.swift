/// A line the parser skipped, and why.
public struct PrometheusLineProblem: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}
