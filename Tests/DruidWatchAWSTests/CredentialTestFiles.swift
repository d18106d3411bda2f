import DruidWatchTestSupport
import Foundation

/// Environments for the shared-file tests: they always point both file variables
/// somewhere, so a developer's own `~/.aws` is never read.
enum CredentialTestFiles {
    static let credentials = Fixtures.url("aws/credentials").path
    static let config = Fixtures.url("aws/config").path
    static let malformedConfig = Fixtures.url("aws/config-malformed").path
    static let absent = "/nonexistent/druidwatch-tests/aws-file"

    /// Every secret in the fixture files and the emulator starts with this.
    static let secretMarker = "SECRET-"

    static func environment(
        credentials: String = CredentialTestFiles.credentials,
        config: String = CredentialTestFiles.config,
        _ extra: [String: String] = [:]
    ) -> [String: String] {
        ["AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_CONFIG_FILE": config, "HOME": "/nonexistent/druidwatch-tests"]
            .merging(extra) { _, new in new }
    }

    /// A fresh directory with the given files written into it; removed by `cleanUp`.
    static func temporaryDirectory(files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-aws-\(UUID().uuidString)")
        for (relativePath, contents) in files {
            let url = directory.appendingPathComponent(relativePath)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory
    }

    static func cleanUp(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }
}
