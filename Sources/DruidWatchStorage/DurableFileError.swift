#if canImport(Glibc)
import Glibc
#endif

/// A file operation that failed, with the path it was about and the system's reason, so
/// that a log line alone tells an operator which file and why (disk full, read-only
/// filesystem, permissions).
public struct DurableFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done: "create", "write", "fsync", "rename", "read", "remove", ...
    public var operation: String
    public var path: String
    /// `strerror(errno)` or the underlying error's text.
    public var reason: String
    /// The `errno` of a failed system call; 0 when the failure was not one.
    public var code: Int32

    public init(operation: String, path: String, reason: String, code: Int32 = 0) {
        self.operation = operation
        self.path = path
        self.reason = reason
        self.code = code
    }

    /// The filesystem (or the user's quota) is full: freeing space can mend it.
    public var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
