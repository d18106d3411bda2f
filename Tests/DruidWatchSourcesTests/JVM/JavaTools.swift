import Foundation

/// The JDK's `java` and `javac` on PATH (posix_spawn needs absolute paths), or nil.
/// CI installs them with openjdk-17-jdk-headless.
enum JavaTools {
    static let java = find("java")
    static let javac = find("javac")
    static var available: Bool { java != nil && javac != nil }

    private static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
