import DruidWatchAWS
import DruidWatchCore
import DruidWatchStorage
import Foundation
import Logging
import Synchronization

/// The notifications the evaluator has decided to send and SNS has not yet taken, one
/// durable file each, so that neither an SNS outage nor a crash loses one.
///
/// A notification is on disk before anything tries to send it (``enqueue(id:topicARN:subject:message:structure:)``
/// returns only once its file is durable) and leaves the directory only when SNS has
/// taken it (``markSent(_:)``) or refused it for good (``markUndeliverable(_:error:)``,
/// which moves it to the undeliverable directory for a human). Opening the outbox on a
/// directory resumes what an earlier run left; a file that cannot be read is moved
/// aside and logged, and never keeps the others from being sent.
///
/// Both directories are bounded. When the outbox is full the oldest pending notification
/// is set aside as undeliverable ("outbox full", logged at error) to make room: a
/// recent alarm is worth more than an old one. The undeliverable directory keeps the
/// newest ``Options/maximumUndeliverable`` files.
///
/// File operations happen under the lock, which serialises them; the volume (a few
/// notifications a minute) makes that cheaper than reasoning about interleavings.
public final class NotificationOutbox: Sendable {
    public struct Options: Sendable {
        public var directory: URL
        public var undeliverableDirectory: URL
        public var maximumCount: Int
        /// The sum of the pending files' sizes.
        public var maximumBytes: Int
        public var maximumUndeliverable: Int
        public var logger: Logger

        public static let defaultMaximumCount = 10_000
        /// Forty times SNS's largest message (256 KiB), and far more than 10 000
        /// typical alarm notifications (4–8 KiB each).
        public static let defaultMaximumBytes = 64 * 1024 * 1024
        public static let defaultMaximumUndeliverable = 1_000

        public init(
            directory: URL, undeliverableDirectory: URL,
            maximumCount: Int = defaultMaximumCount, maximumBytes: Int = defaultMaximumBytes,
            maximumUndeliverable: Int = defaultMaximumUndeliverable, logger: Logger
        ) {
            self.directory = directory
            self.undeliverableDirectory = undeliverableDirectory
            self.maximumCount = max(1, maximumCount)
            self.maximumBytes = max(1, maximumBytes)
            self.maximumUndeliverable = max(0, maximumUndeliverable)
            self.logger = logger
        }

        public init(
            paths: EvaluatorPaths,
            maximumCount: Int = defaultMaximumCount, maximumBytes: Int = defaultMaximumBytes,
            maximumUndeliverable: Int = defaultMaximumUndeliverable, logger: Logger
        ) {
            self.init(
                directory: paths.outboxDirectory, undeliverableDirectory: paths.undeliverableDirectory,
                maximumCount: maximumCount, maximumBytes: maximumBytes, maximumUndeliverable: maximumUndeliverable, logger: logger
            )
        }
    }

    public enum EnqueueOutcome: Sendable, Equatable {
        /// Written; it will be sent.
        case enqueued
        /// A notification with that id is pending or was settled since the outbox was
        /// opened; nothing was written.
        case duplicate
        /// Larger than the outbox may hold at all; set aside as undeliverable at once.
        case setAsideTooLarge
    }

    /// Running counts since the outbox was opened.
    public struct Statistics: Sendable, Equatable {
        public var enqueued = 0
        public var duplicates = 0
        public var sent = 0
        public var failedAttempts = 0
        public var undeliverable = 0
        /// Of ``undeliverable``, those set aside to keep within the bounds.
        public var setAsideForSpace = 0
        /// Undeliverable files deleted to keep within ``Options/maximumUndeliverable``.
        public var undeliverablePruned = 0
        public var corruptFiles = 0
        public var temporaryFilesRemoved = 0

        public init() {}
    }

    public static let reasonOutboxFull = "outbox full"
    /// How many settled ids are remembered for deduplication; the evaluator's state file
    /// guards across restarts, this guards against a second enqueue within a run.
    static let rememberedSettledIds = 4_096

    public let options: Options
    private let clock: any WallClock
    private let state: Mutex<State>

    private struct Entry {
        var publish: PendingPublish
        var fileName: String
        var bytes: Int
    }

    private struct State {
        var pending: [String: Entry] = [:]
        var totalBytes = 0
        var nextSequence: UInt64 = 1
        /// Undeliverable file names, oldest (lowest sequence) first.
        var undeliverable: [String] = []
        /// Settled ids, oldest first, with the undeliverable file each went to (if any).
        var settledOrder: [String] = []
        var settled: [String: String?] = [:]
        var statistics = Statistics()
    }

    /// Opens the outbox (creating both directories if needed): removes half-written
    /// leftovers, loads the pending notifications, sets unreadable files aside and
    /// applies the bounds. Throws only when a directory cannot be created or listed.
    public init(options: Options, clock: any WallClock = SystemWallClock()) throws(DurableFileError) {
        self.options = options
        self.clock = clock
        try DurableFile.createDirectory(options.directory)
        try DurableFile.createDirectory(options.undeliverableDirectory)
        var state = State()
        state.undeliverable = try DurableFile.fileNames(in: options.undeliverableDirectory)
            .filter { !DurableFile.isTemporary($0) }
            .sorted { (OutboxFileFormat.sequence(ofFileName: $0) ?? 0, $0) < (OutboxFileFormat.sequence(ofFileName: $1) ?? 0, $1) }
        for name in state.undeliverable {
            if let sequence = OutboxFileFormat.sequence(ofFileName: name) { state.nextSequence = max(state.nextSequence, sequence + 1) }
        }
        for name in try DurableFile.fileNames(in: options.directory).sorted() {
            Self.load(name, into: &state, options: options)
        }
        Self.pruneUndeliverable(&state, options: options)
        Self.enforceBounds(&state, options: options, sparing: nil)
        self.state = Mutex(state)
        if !state.pending.isEmpty {
            options.logger.info("outbox: notifications left by an earlier run will be sent", metadata: [
                "count": "\(state.pending.count)", "bytes": "\(state.totalBytes)",
            ])
        }
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }
    public var count: Int { state.withLock { $0.pending.count } }
    public var totalBytes: Int { state.withLock { $0.totalBytes } }
    /// Every pending notification, oldest first.
    public var pending: [PendingPublish] {
        state.withLock { $0.pending.values.map(\.publish) }.sorted { $0.sequence < $1.sequence }
    }
    /// When the next pending notification may be attempted; nil when none is pending.
    public var earliestAttempt: Date? { state.withLock { $0.pending.values.map(\.publish.nextAttemptAt).min() } }
    /// The undeliverable directory's files, oldest first.
    public var undeliverableFileNames: [String] { state.withLock { $0.undeliverable } }

    /// Writes the notification durably, then makes room if the outbox is over a bound.
    /// Throws when the file cannot be written: the notification is then not in the
    /// outbox, and the caller must not record it as notified.
    @discardableResult
    public func enqueue(id: String, topicARN: String, subject: String?, message: String, structure: SNSMessageStructure) throws(DurableFileError) -> EnqueueOutcome {
        let now = clock.now()
        let options = self.options
        return try state.withLock { state throws(DurableFileError) -> EnqueueOutcome in
            if state.pending[id] != nil || state.settled[id] != nil {
                state.statistics.duplicates += 1
                options.logger.debug("outbox: notification already enqueued", metadata: ["id": "\(id)"])
                return .duplicate
            }
            let publish = PendingPublish(id: id, sequence: state.nextSequence, topicARN: topicARN, subject: subject, message: message, structure: structure, createdAt: now)
            let data = Self.encoded(publish)
            let fileName = OutboxFileFormat.fileName(sequence: publish.sequence, id: id)
            state.nextSequence += 1
            if data.count > options.maximumBytes {
                var refused = publish
                refused.lastError = "larger (\(data.count) bytes) than the outbox may hold (\(options.maximumBytes) bytes)"
                options.logger.error("outbox: notification too large to keep; set aside as undeliverable", metadata: Self.describe(refused))
                Self.writeUndeliverable(refused, fileName: fileName, into: &state, options: options)
                Self.remember(id, undeliverableFile: fileName, in: &state)
                return .setAsideTooLarge
            }
            try DurableFile.write(data, to: options.directory.appendingPathComponent(fileName), permissions: 0o640)
            state.pending[id] = Entry(publish: publish, fileName: fileName, bytes: data.count)
            state.totalBytes += data.count
            state.statistics.enqueued += 1
            Self.enforceBounds(&state, options: options, sparing: id)
            return .enqueued
        }
    }

    /// The pending notifications whose next attempt is due, oldest first.
    public func due(now: Date) -> [PendingPublish] {
        state.withLock { state in state.pending.values.map(\.publish).filter { $0.nextAttemptAt <= now } }
            .sorted { $0.sequence < $1.sequence }
    }

    /// SNS took it: its file goes. One set aside while it was being sent (the outbox
    /// filled up meanwhile) was delivered after all, so its undeliverable copy goes too.
    public func markSent(_ id: String) {
        let options = self.options
        state.withLock { state in
            state.statistics.sent += 1
            if let entry = state.pending.removeValue(forKey: id) {
                state.totalBytes -= entry.bytes
                Self.remove(options.directory.appendingPathComponent(entry.fileName), options: options)
                Self.remember(id, undeliverableFile: nil, in: &state)
            } else if case let .some(.some(undeliverableFile)) = state.settled[id] {
                Self.remove(options.undeliverableDirectory.appendingPathComponent(undeliverableFile), options: options)
                state.undeliverable.removeAll { $0 == undeliverableFile }
                Self.remember(id, undeliverableFile: nil, in: &state)
            }
        }
    }

    /// Records a failed attempt and when to try again; the file is rewritten so that the
    /// backoff survives a restart.
    public func markFailed(_ id: String, error: String, retryAt: Date) {
        let options = self.options
        state.withLock { state in
            guard var entry = state.pending[id] else { return }
            state.statistics.failedAttempts += 1
            entry.publish.attempts += 1
            entry.publish.lastError = error
            entry.publish.nextAttemptAt = retryAt
            let data = Self.encoded(entry.publish)
            do {
                try DurableFile.write(data, to: options.directory.appendingPathComponent(entry.fileName), permissions: 0o640)
                state.totalBytes += data.count - entry.bytes
                entry.bytes = data.count
            } catch {
                // The earlier content stays on disk and still sends; only the count and
                // the backoff of this run are not persisted.
                options.logger.error("outbox: cannot record a failed attempt", metadata: ["id": "\(id)", "error": "\(error)"])
            }
            state.pending[id] = entry
        }
    }

    /// SNS refused it for good: it moves to the undeliverable directory with the reason.
    public func markUndeliverable(_ id: String, error: String) {
        let options = self.options
        state.withLock { state in
            guard let entry = state.pending[id] else { return }
            options.logger.error("outbox: SNS refused a notification for good; set aside as undeliverable", metadata: Self.describe(entry.publish).merging(["error": "\(error)"]) { $1 })
            Self.setAside(entry, reason: error, in: &state, options: options)
        }
    }

    // MARK: Internals, all called with the lock held (or before it exists).

    private static func load(_ name: String, into state: inout State, options: Options) {
        let url = options.directory.appendingPathComponent(name)
        if DurableFile.isTemporary(name) {
            remove(url, options: options)
            state.statistics.temporaryFilesRemoved += 1
            options.logger.warning("outbox: removed a half-written file of an earlier run", metadata: ["file": "\(name)"])
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            options.logger.warning("outbox: ignoring a directory in the outbox", metadata: ["file": "\(name)"])
            return
        }
        let publish: PendingPublish
        do {
            publish = try OutboxFileFormat.decode(try DurableFile.read(url))
        } catch {
            moveCorruptAside(name, error: "\(error)", into: &state, options: options)
            return
        }
        if let existing = state.pending[publish.id] {
            // Only a crash between two renames could leave two; they are the same notification.
            let (kept, dropped) = existing.publish.sequence <= publish.sequence ? (existing.fileName, name) : (name, existing.fileName)
            options.logger.warning("outbox: two files for one notification; keeping the older", metadata: ["id": "\(publish.id)", "kept": "\(kept)", "removed": "\(dropped)"])
            remove(options.directory.appendingPathComponent(dropped), options: options)
            if dropped == existing.fileName {
                state.totalBytes -= existing.bytes
                state.pending[publish.id] = nil
            } else {
                return
            }
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        state.pending[publish.id] = Entry(publish: publish, fileName: name, bytes: bytes)
        state.totalBytes += bytes
        state.nextSequence = max(state.nextSequence, publish.sequence + 1)
    }

    private static func moveCorruptAside(_ name: String, error: String, into state: inout State, options: Options) {
        state.statistics.corruptFiles += 1
        let asideName = name + OutboxFileFormat.corruptSuffix
        do {
            try DurableFile.move(options.directory.appendingPathComponent(name), to: options.undeliverableDirectory.appendingPathComponent(asideName))
            insertUndeliverable(asideName, into: &state)
            options.logger.error("outbox: unreadable notification file moved aside; the others are still sent", metadata: [
                "file": "\(name)", "movedTo": "\(options.undeliverableDirectory.appendingPathComponent(asideName).path)", "error": "\(error)",
            ])
        } catch let moveError {
            options.logger.error("outbox: unreadable notification file could not be moved aside; skipping it", metadata: [
                "file": "\(name)", "error": "\(error)", "moveError": "\(moveError)",
            ])
        }
    }

    /// Sets the oldest pending notifications aside until the outbox is within both
    /// bounds; `sparing` is the one just enqueued, which is never its own victim.
    private static func enforceBounds(_ state: inout State, options: Options, sparing: String?) {
        guard state.pending.count > options.maximumCount || state.totalBytes > options.maximumBytes else { return }
        let oldestFirst = state.pending.values.filter { $0.publish.id != sparing }.sorted { $0.publish.sequence < $1.publish.sequence }
        for entry in oldestFirst {
            guard state.pending.count > options.maximumCount || state.totalBytes > options.maximumBytes else { break }
            options.logger.error("outbox: full; oldest notification set aside as undeliverable", metadata: Self.describe(entry.publish).merging([
                "pending": "\(state.pending.count)", "bytes": "\(state.totalBytes)",
                "maximumCount": "\(options.maximumCount)", "maximumBytes": "\(options.maximumBytes)",
            ]) { $1 })
            state.statistics.setAsideForSpace += 1
            setAside(entry, reason: reasonOutboxFull, in: &state, options: options)
        }
    }

    private static func setAside(_ entry: Entry, reason: String, in state: inout State, options: Options) {
        var publish = entry.publish
        publish.lastError = publish.lastError.map { "\(reason) (last error: \($0))" } ?? reason
        writeUndeliverable(publish, fileName: entry.fileName, into: &state, options: options)
        // Removed even when the copy could not be written: a bound that gives way to a
        // full disk would not be one. The error log above names what was lost.
        remove(options.directory.appendingPathComponent(entry.fileName), options: options)
        state.pending[publish.id] = nil
        state.totalBytes -= entry.bytes
        remember(publish.id, undeliverableFile: entry.fileName, in: &state)
    }

    private static func writeUndeliverable(_ publish: PendingPublish, fileName: String, into state: inout State, options: Options) {
        state.statistics.undeliverable += 1
        do {
            try DurableFile.write(encoded(publish), to: options.undeliverableDirectory.appendingPathComponent(fileName), permissions: 0o640)
            insertUndeliverable(fileName, into: &state)
            pruneUndeliverable(&state, options: options)
        } catch {
            options.logger.error("outbox: cannot keep an undeliverable notification; it is lost", metadata: describe(publish).merging(["error": "\(error)"]) { $1 })
        }
    }

    private static func insertUndeliverable(_ name: String, into state: inout State) {
        let key = (OutboxFileFormat.sequence(ofFileName: name) ?? 0, name)
        let index = state.undeliverable.firstIndex { (OutboxFileFormat.sequence(ofFileName: $0) ?? 0, $0) > key } ?? state.undeliverable.endIndex
        state.undeliverable.insert(name, at: index)
    }

    private static func pruneUndeliverable(_ state: inout State, options: Options) {
        let excess = state.undeliverable.count - options.maximumUndeliverable
        guard excess > 0 else { return }
        let oldest = state.undeliverable.prefix(excess)
        for name in oldest { remove(options.undeliverableDirectory.appendingPathComponent(name), options: options) }
        state.undeliverable.removeFirst(excess)
        state.statistics.undeliverablePruned += excess
        options.logger.warning("outbox: deleted the oldest undeliverable notifications to stay within the bound", metadata: [
            "deleted": "\(excess)", "maximumUndeliverable": "\(options.maximumUndeliverable)",
        ])
    }

    private static func remember(_ id: String, undeliverableFile: String?, in state: inout State) {
        if state.settled.updateValue(undeliverableFile, forKey: id) == nil { state.settledOrder.append(id) }
        if state.settledOrder.count > rememberedSettledIds {
            state.settled[state.settledOrder.removeFirst()] = nil
        }
    }

    private static func remove(_ url: URL, options: Options) {
        do {
            try DurableFile.remove(url)
        } catch {
            options.logger.error("outbox: cannot remove a file", metadata: ["error": "\(error)"])
        }
    }

    private static func encoded(_ publish: PendingPublish) -> Data {
        // Strings, numbers and dates only: encoding cannot fail.
        (try? OutboxFileFormat.encode(publish)) ?? Data()
    }

    private static func describe(_ publish: PendingPublish) -> Logger.Metadata {
        [
            "id": "\(publish.id)", "topic": "\(publish.topicARN)", "subject": "\(publish.subject ?? "")",
            "createdAt": "\(publish.createdAt)", "attempts": "\(publish.attempts)",
        ]
    }
}
