import DruidWatchTestSupport
import Foundation

/// The real cfn-lint, from the Python environment the tests use (`DRUIDWATCH_TEST_PYTHON`
/// or `.venv`, which `make setup` fills); nil when it is not installed there.
enum CfnLint {
    static let path: String? = {
        let nextToPython = URL(fileURLWithPath: MotoServer.python).deletingLastPathComponent().appendingPathComponent("cfn-lint").path
        let inVenv = Fixtures.repositoryRoot.appendingPathComponent(".venv/bin/cfn-lint").path
        return [nextToPython, inVenv].first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// cfn-lint's verdict on a template file: exit status and everything it printed.
    static func run(_ template: String) async throws -> ChildProcess.Outcome {
        guard let path else { throw Missing() }
        return try await ChildProcess.run(path, [template])
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "cfn-lint is not installed next to \(MotoServer.python): run make setup" }
    }
}
