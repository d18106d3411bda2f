import CSystemd
import Foundation
import Logging

/// Sends each log record to journald with `sd_journal_sendv`, one structured entry per
/// record (multi-line messages stay one entry). If the journal refuses the entry, the
/// line goes to stderr instead: a message is never lost silently.
public struct JournaldLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let identifier: String
    private let fallback: StderrLogHandler
    private let sendFields: @Sendable ([String]) -> Int32

    public init(label: String, level: Logger.Level = .info, identifier: String = "druidwatch", metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(
            label: label, level: level, identifier: identifier, metadataProvider: metadataProvider,
            send: { Self.send($0) }, fallback: StderrLogHandler(label: label, level: level)
        )
    }

    /// For tests: the journal call and the stderr fallback are injected.
    init(
        label: String, level: Logger.Level, identifier: String, metadataProvider: Logger.MetadataProvider?,
        send: @escaping @Sendable ([String]) -> Int32, fallback: StderrLogHandler
    ) {
        self.label = label
        self.logLevel = level
        self.identifier = identifier
        self.metadataProvider = metadataProvider
        self.sendFields = send
        self.fallback = fallback
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        let fields = JournalFields.make(
            level: event.level, message: "\(event.message)", metadata: merged, label: label, identifier: identifier,
            source: event.source, file: event.file, function: event.function, line: event.line
        )
        if sendFields(fields) != 0 {
            fallback.write(level: event.level, message: "\(event.message)", metadata: merged)
        }
    }

    /// Returns sd_journal_sendv's result: 0, or a negative errno.
    static func send(_ fields: [String]) -> Int32 {
        var buffers = fields.map { Array($0.utf8) }
        return buffers.withUnsafeMutableBufferPointer { storage -> Int32 in
            var vectors = storage.indices.map { index in
                storage[index].withUnsafeMutableBytes { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
            }
            return sd_journal_sendv(&vectors, Int32(vectors.count))
        }
    }
}
