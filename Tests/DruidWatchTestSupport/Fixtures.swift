import Foundation

/// Locates files under `Tests/Fixtures` from the source tree, so that tests read the
/// same bytes whether run by `swift test` or from an IDE.
public enum Fixtures {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DruidWatchTestSupport
        .deletingLastPathComponent()  // Tests
        .appendingPathComponent("Fixtures")

    public static let repositoryRoot: URL = root.deletingLastPathComponent().deletingLastPathComponent()

    public static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    public static func string(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }
}
