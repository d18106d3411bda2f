/// A file operation that failed, with the path it was about and the system's reason, so
/// that a log line alone tells an operator which file and why (disk full, read-only
/// filesystem, permissions).
public struct DurableFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done: "create", "write", "fsync", "rename", "read", "remove", ...
    public var operation: String
    public var path: String
    /// `strerror(errno)` or the underlying error's text.
    public var reason: String

    public init(operation: String, path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
