/// Perf-data files of running JVMs were found, but none could be read or parsed
/// (typically: the agent runs as another user, and the files are mode 0600).
public struct PerfDataFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reasons: [String]

    public init(reasons: [String]) {
        self.reasons = reasons
    }

    public var description: String {
        "no JVM perf-data file could be read: \(reasons.joined(separator: "; "))"
    }
}
