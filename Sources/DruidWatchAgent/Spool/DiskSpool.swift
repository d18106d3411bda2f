import DruidWatchCore
import DruidWatchStorage
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A directory of records not yet acknowledged by AWS, one file per record (a
/// PutMetricData batch, a PutLogEvents batch), so that an outage or a restart loses
/// nothing already aggregated or read.
///
/// A file is written durably (``DurableFile``) before its batch is sent, so after a
/// crash or `kill -9` every file is either complete or a `.tmp` leftover, which opening
/// the spool removes. File names carry a
/// sequence number that only grows (also across restarts), the oldest datum's
/// timestamp in milliseconds and the item (datum, log event) count:
///
///     00000000000000000042-1732530000000-20.batch
///
/// so order, age and what a drop costs are known without reading the files.
///
/// The spool is bounded by total size and by age; past either bound the oldest files
/// are dropped, logged and counted in ``statistics``. A file being sent is "claimed"
/// so that a replay never sends it a second time concurrently.
public final class DiskSpool<Record: SpoolableRecord>: Sendable {
    public typealias Options = SpoolOptions
    public typealias Entry = SpoolEntry
    public typealias Statistics = SpoolStatistics

    public struct SpoolError: Error, CustomStringConvertible {
        public var description: String
    }

    static var temporaryExtension: String { DurableFile.temporarySuffix }

    public let options: Options
    private let state: Mutex<State>

    private struct State {
        /// Oldest (lowest sequence) first.
        var entries: [Entry] = []
        var claimed: Set<UInt64> = []
        var nextSequence: UInt64 = 1
        var totalBytes = 0
        var statistics = Statistics()
    }

    /// Opens (creating if needed) the spool directory: removes half-written leftovers,
    /// indexes the complete files and applies the bounds.
    public init(options: Options, now: Date = Date()) throws {
        self.options = options
        let path = options.directory.path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw SpoolError(description: "cannot create spool directory \(path): \(error)")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw SpoolError(description: "cannot list spool directory \(path): \(error)")
        }
        var state = State()
        for name in names {
            let filePath = options.directory.appendingPathComponent(name).path
            if name.hasSuffix(Self.temporaryExtension) {
                unlink(filePath)
                state.statistics.temporaryFilesRemoved += 1
                options.logger.warning("spool: removed a half-written file of an earlier run", metadata: ["file": "\(name)"])
                continue
            }
            var info = stat()
            guard stat(filePath, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, let entry = Entry(fileName: name, bytes: Int(info.st_size)) else {
                options.logger.warning("spool: ignoring a file that is not a spooled batch", metadata: ["file": "\(name)"])
                continue
            }
            state.entries.append(entry)
            state.totalBytes += entry.bytes
            state.nextSequence = max(state.nextSequence, entry.sequence + 1)
        }
        state.entries.sort { $0.sequence < $1.sequence }
        self.state = Mutex(state)
        if !state.entries.isEmpty {
            options.logger.info("spool: batches left by an earlier run", metadata: ["files": "\(state.entries.count)", "bytes": "\(state.totalBytes)"])
        }
        enforceBounds(now: now)
    }

    public var statistics: Statistics { state.withLock { $0.statistics } }
    public var totalBytes: Int { state.withLock { $0.totalBytes } }
    /// Every spooled batch, claimed or not, oldest first.
    public var entries: [Entry] { state.withLock { $0.entries } }
    public var isEmpty: Bool { state.withLock { $0.entries.isEmpty } }

    /// Writes the batch durably and returns its entry, claimed by the caller, who
    /// settles it with ``remove(_:)`` once sent or ``release(_:)`` to leave it for a
    /// replay.
    public func write(_ record: Record, now: Date = Date()) throws -> Entry {
        let data = record.encoded()
        let entry = state.withLock { state in
            defer { state.nextSequence += 1 }
            return Entry(sequence: state.nextSequence, oldestTimestamp: record.oldestTimestamp ?? now, itemCount: record.itemCount, bytes: data.count)
        }
        try writeMakingRoom(data, to: options.directory.appendingPathComponent(entry.fileName))
        state.withLock { state in
            state.entries.append(entry)
            state.claimed.insert(entry.sequence)
            state.totalBytes += entry.bytes
            state.statistics.filesWritten += 1
        }
        enforceBounds(now: now)
        return entry
    }

    /// Writes, and when the filesystem is full drops the oldest unclaimed files one at a
    /// time (counted) until the new one fits: the newest data is what an operator needs
    /// first once the disk is mended, and the agent must keep running meanwhile.
    private func writeMakingRoom(_ data: Data, to url: URL) throws(SpoolError) {
        var dropped: [Entry] = []
        defer {
            if !dropped.isEmpty {
                options.logger.error("spool: disk full; dropped the oldest batches to make room", metadata: [
                    "files": "\(dropped.count)", "items": "\(dropped.reduce(0) { $0 + $1.itemCount })", "directory": "\(options.directory.path)",
                ])
            }
        }
        while true {
            do {
                try DurableFile.write(data, to: url, permissions: 0o640)
                return
            } catch {
                guard error.isOutOfSpace, let oldest = dropOldestUnclaimed() else { throw SpoolError(description: error.description) }
                dropped.append(oldest)
            }
        }
    }

    private func dropOldestUnclaimed() -> Entry? {
        let oldest: Entry? = state.withLock { state in
            guard let index = state.entries.firstIndex(where: { !state.claimed.contains($0.sequence) }) else { return nil }
            let entry = state.entries.remove(at: index)
            state.totalBytes -= entry.bytes
            state.statistics.filesDroppedForDiskFull += 1
            state.statistics.itemsDroppedForDiskFull += entry.itemCount
            return entry
        }
        if let oldest { unlink(path(of: oldest)) }
        return oldest
    }

    /// Settles a restart against a commit record kept elsewhere (the log shipper's
    /// checkpoint): files after `sequence` were written but never committed, so they are
    /// deleted (their contents will be made again), and new files are numbered after it.
    /// Answers how many files were deleted.
    @discardableResult
    public func discardUncommitted(after sequence: UInt64) -> Int {
        let discarded = state.withLock { state in
            state.nextSequence = max(state.nextSequence, sequence + 1)
            let discarded = state.entries.filter { $0.sequence > sequence && !state.claimed.contains($0.sequence) }
            state.entries.removeAll { entry in discarded.contains { $0.sequence == entry.sequence } }
            state.totalBytes -= discarded.reduce(0) { $0 + $1.bytes }
            return discarded
        }
        for entry in discarded { unlink(path(of: entry)) }
        if !discarded.isEmpty {
            options.logger.info("spool: removed files written after the last commit; their contents are read again", metadata: ["files": "\(discarded.count)"])
        }
        return discarded.count
    }

    /// The sequence number the next file will get, less one: what a commit record keeps.
    public var lastSequence: UInt64 { state.withLock { $0.nextSequence - 1 } }

    /// Deletes a batch CloudWatch has (or one that can never be sent).
    public func remove(_ entry: Entry) {
        let known = state.withLock { state in
            state.claimed.remove(entry.sequence)
            guard let index = state.entries.firstIndex(where: { $0.sequence == entry.sequence }) else { return false }
            state.totalBytes -= state.entries.remove(at: index).bytes
            return true
        }
        if known { unlink(path(of: entry)) }
    }

    /// Leaves a claimed batch for a later replay.
    public func release(_ entry: Entry) {
        _ = state.withLock { $0.claimed.remove(entry.sequence) }
    }

    /// Claims up to `limit` of the oldest unclaimed batches (after applying the bounds).
    public func claimOldest(_ limit: Int, now: Date = Date()) -> [Entry] {
        enforceBounds(now: now)
        return state.withLock { state in
            var claimed: [Entry] = []
            for entry in state.entries where claimed.count < limit && !state.claimed.contains(entry.sequence) {
                claimed.append(entry)
                state.claimed.insert(entry.sequence)
            }
            return claimed
        }
    }

    /// Reads a batch back; a file that cannot be (truncated, corrupted, gone) is
    /// logged, deleted, counted and answered with nil.
    public func read(_ entry: Entry) -> Record? {
        let filePath = path(of: entry)
        let failure: String
        if let data = FileManager.default.contents(atPath: filePath) {
            do {
                return try Record.decode(data)
            } catch {
                failure = error.description
            }
        } else {
            failure = "cannot read the file"
        }
        options.logger.error("spool: dropping an unreadable batch file", metadata: ["file": "\(entry.fileName)", "error": "\(failure)", "items": "\(entry.itemCount)"])
        state.withLock { $0.statistics.corruptFiles += 1 }
        remove(entry)
        return nil
    }

    /// Drops the oldest unclaimed files past the age bound, then as many more of the
    /// oldest as it takes to get within the size bound.
    public func enforceBounds(now: Date = Date()) {
        let maximumAge = Double(options.maximumAge.components.seconds) + Double(options.maximumAge.components.attoseconds) / 1e18
        let oldestAllowed = now.addingTimeInterval(-maximumAge)
        let maximumBytes = options.maximumBytes
        let (expired, oversize) = state.withLock { state in
            var expired: [Entry] = []
            var oversize: [Entry] = []
            state.entries.removeAll { entry in
                guard !state.claimed.contains(entry.sequence), entry.oldestTimestamp < oldestAllowed else { return false }
                expired.append(entry)
                return true
            }
            for entry in expired { state.totalBytes -= entry.bytes }
            if state.totalBytes > maximumBytes {
                var excess = state.totalBytes - maximumBytes
                state.entries.removeAll { entry in
                    guard excess > 0, !state.claimed.contains(entry.sequence) else { return false }
                    excess -= entry.bytes
                    oversize.append(entry)
                    return true
                }
                for entry in oversize { state.totalBytes -= entry.bytes }
            }
            state.statistics.filesDroppedForAge += expired.count
            state.statistics.itemsDroppedForAge += expired.reduce(0) { $0 + $1.itemCount }
            state.statistics.filesDroppedForSize += oversize.count
            state.statistics.itemsDroppedForSize += oversize.reduce(0) { $0 + $1.itemCount }
            return (expired, oversize)
        }
        for entry in expired + oversize { unlink(path(of: entry)) }
        if !expired.isEmpty {
            options.logger.warning("spool: dropped batches too old for CloudWatch", metadata: [
                "files": "\(expired.count)", "items": "\(expired.reduce(0) { $0 + $1.itemCount })", "maximumAge": "\(options.maximumAge)",
            ])
        }
        if !oversize.isEmpty {
            options.logger.warning("spool: full; dropped the oldest batches", metadata: [
                "files": "\(oversize.count)", "items": "\(oversize.reduce(0) { $0 + $1.itemCount })", "maximumBytes": "\(maximumBytes)",
            ])
        }
    }

    private func path(of entry: Entry) -> String {
        options.directory.appendingPathComponent(entry.fileName).path
    }
}

/// Spool files end in this; anything else in the directory is not the spool's.
private let spoolFileExtension = ".batch"

/// The agent's spool of PutMetricData batches.
public typealias MetricSpool = DiskSpool<SpoolRecord>
/// The log shipper's spool of PutLogEvents batches.
public typealias LogSpool = DiskSpool<LogSpoolRecord>

/// Where a ``DiskSpool`` keeps its files and how much it may keep.
public struct SpoolOptions: Sendable {
    public var directory: URL
    public var maximumBytes: Int
    /// Files whose oldest item is older than this are dropped: CloudWatch refuses
    /// timestamps more than two weeks old.
    public var maximumAge: Duration
    public var logger: Logger

    public static let defaultMaximumBytes = 512 * 1024 * 1024
    /// Two weeks less six hours, the margin for the batch to get through.
    public static let defaultMaximumAge: Duration = .seconds(14 * 86_400 - 6 * 3_600)

    public init(directory: URL, maximumBytes: Int = defaultMaximumBytes, maximumAge: Duration = defaultMaximumAge, logger: Logger) {
        self.directory = directory
        self.maximumBytes = maximumBytes
        self.maximumAge = maximumAge
        self.logger = logger
    }
}

/// One spooled record, as its file name describes it.
public struct SpoolEntry: Sendable, Hashable {
    public var sequence: UInt64
    /// Millisecond precision (as the name stores it).
    public var oldestTimestamp: Date
    public var itemCount: Int
    public var bytes: Int

    public var fileName: String {
        let digits = String(sequence)
        let millis = Int64((oldestTimestamp.timeIntervalSince1970 * 1_000).rounded(.down))
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-\(millis)-\(itemCount)" + spoolFileExtension
    }

    init(sequence: UInt64, oldestTimestamp: Date, itemCount: Int, bytes: Int) {
        self.sequence = sequence
        let millis = max(0, (oldestTimestamp.timeIntervalSince1970 * 1_000).rounded(.down))
        self.oldestTimestamp = Date(timeIntervalSince1970: millis / 1_000)
        self.itemCount = itemCount
        self.bytes = bytes
    }

    init?(fileName: String, bytes: Int) {
        guard fileName.hasSuffix(spoolFileExtension) else { return nil }
        let parts = fileName.dropLast(spoolFileExtension.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let sequence = UInt64(parts[0]), let millis = Int64(parts[1]), let count = Int(parts[2]), millis >= 0, count >= 0 else { return nil }
        self.init(sequence: sequence, oldestTimestamp: Date(timeIntervalSince1970: Double(millis) / 1_000), itemCount: count, bytes: bytes)
    }
}

/// A ``DiskSpool``'s running counts since it was opened.
public struct SpoolStatistics: Sendable, Equatable {
    public var filesWritten = 0
    public var filesDroppedForSize = 0
    public var itemsDroppedForSize = 0
    public var filesDroppedForAge = 0
    public var itemsDroppedForAge = 0
    /// Dropped, oldest first, to make room when the filesystem was full.
    public var filesDroppedForDiskFull = 0
    public var itemsDroppedForDiskFull = 0
    /// Files that could not be read back (truncated, corrupted); deleted.
    public var corruptFiles = 0
    /// Half-written files of an earlier run, removed on opening.
    public var temporaryFilesRemoved = 0

    public init() {}
}
