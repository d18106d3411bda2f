import Foundation

/// A directory under the system's temporary directory, removed when released.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public var url: URL { URL(fileURLWithPath: path) }

    public init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func write(_ relativePath: String, _ contents: String) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: url, atomically: true, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
