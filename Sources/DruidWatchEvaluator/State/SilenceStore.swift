import DruidWatchCore
import DruidWatchStorage
import Foundation

/// The silences file (`silences.json`), written by `druidwatch silence` and read by the
/// evaluator every cycle, so that a silence takes effect without a restart.
public struct SilenceStore: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// An absent file is no silences. A damaged one is an error: silently dropping the
    /// silences would page people who were promised quiet.
    public func load() throws -> SilenceSet {
        guard FileManager.default.fileExists(atPath: file.path) else { return SilenceSet() }
        let data = try DurableFile.read(file)
        return try JSONDecoder.evaluatorState.decode(SilenceSet.self, from: data)
    }

    public func save(_ silences: SilenceSet) throws {
        try DurableFile.createDirectory(file.deletingLastPathComponent())
        try DurableFile.write(try JSONEncoder.evaluatorState.encode(silences), to: file, permissions: 0o644)
    }
}
