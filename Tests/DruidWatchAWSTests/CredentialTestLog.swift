import Logging
import Synchronization

/// Collects what a `Logger` writes, so tests can check what was logged and that no
/// secret was.
final class CredentialTestLog: Sendable {
    struct Record: Sendable {
        var level: Logger.Level
        var text: String
    }

    private let records = Mutex<[Record]>([])

    var all: [Record] { records.withLock { $0 } }

    var everything: String { all.map(\.text).joined(separator: "\n") }

    func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in Handler(log: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ record: Record) {
        records.withLock { $0.append(record) }
    }

    private struct Handler: LogHandler {
        let log: CredentialTestLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            log.append(Record(level: event.level, text: "\(event.message) \(details)"))
        }
    }
}
