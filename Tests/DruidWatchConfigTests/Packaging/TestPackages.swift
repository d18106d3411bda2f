import DruidWatchTestSupport
import Foundation
import Testing

/// The packages `make test` builds with packaging/build-packages before the suite runs
/// (`DRUIDWATCH_TEST_PACKAGES`): `<dir>/1` holds revision 1, `<dir>/2` revision 2 of the
/// same binary, each a .deb and an .rpm. Every property is nil when they were not built
/// (a plain `swift test`), and the tests that need them are skipped.
enum TestPackages {
    static let directory: URL? = ProcessInfo.processInfo.environment["DRUIDWATCH_TEST_PACKAGES"].map { URL(fileURLWithPath: $0) }

    static func package(revision: Int, extension suffix: String) -> URL? {
        guard let directory else { return nil }
        let folder = directory.appendingPathComponent(String(revision))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.first { $0.hasSuffix(".\(suffix)") }.map { folder.appendingPathComponent($0) }
    }

    static let firstDeb = package(revision: 1, extension: "deb")
    static let secondDeb = package(revision: 2, extension: "deb")
    static let rpm = package(revision: 1, extension: "rpm")

    static let missingReason: Comment = "needs the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"

    /// The upstream version the packages carry: what `druidwatch version` prints.
    static let upstreamVersion: String? = {
        let source = Fixtures.repositoryRoot.appendingPathComponent("Sources/druidwatch/DruidWatchVersion.swift")
        guard let text = try? String(contentsOf: source, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.contains("static let current") }) else { return nil }
        return line.split(separator: "\"").dropFirst().first.map(String.init)
    }()
}

/// A program run to the end for a packaging test; `expectSuccess` throws with what it
/// printed when it fails.
enum SystemCommand {
    struct Failed: Error, CustomStringConvertible {
        var command: String
        var outcome: ChildProcess.Outcome
        var description: String { "\(command) exited \(outcome.exitCode):\n\(outcome.output)" }
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> ChildProcess.Outcome {
        try await ChildProcess.run(executable, arguments, environment: environment)
    }

    @discardableResult
    static func expectSuccess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> String {
        let outcome = try await run(executable, arguments, environment: environment)
        guard outcome.exitCode == 0 else {
            throw Failed(command: ([executable] + arguments).joined(separator: " "), outcome: outcome)
        }
        return outcome.output
    }
}
