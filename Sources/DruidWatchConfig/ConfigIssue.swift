/// One problem in a configuration file, located by line and by field path.
public struct ConfigIssue: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole (unreadable).
    public var line: Int
    public var column: Int
    /// Dotted path such as `sources.host.ignore_devices[2]`, or `(syntax)`, `(file)`.
    public var field: String
    public var message: String

    public init(file: String, line: Int, column: Int = 0, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line): \(field): \(message)" : "\(file): \(field): \(message)"
    }
}

/// Every problem found in a configuration, in line order; one bad field never hides another.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [ConfigIssue]

    public init(issues: [ConfigIssue]) {
        self.issues = issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
