#if canImport(Glibc)
import Glibc
#endif

/// Shell-style patterns (`loop*`, `/run/*`), matched as fnmatch(3) does.
public struct GlobList: Sendable, Hashable {
    public var patterns: [String]

    public init(_ patterns: [String]) {
        self.patterns = patterns
    }

    public func matches(_ text: String) -> Bool {
        patterns.contains { fnmatch($0, text, 0) == 0 }
    }
}
