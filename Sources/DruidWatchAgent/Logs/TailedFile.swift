import DruidWatchCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One log file being followed, known by device and inode so that a rename (log4j2's
/// rollover, logrotate) is the same file under a new name. Holds its descriptor open,
/// so that what is written before a rotation or a deletion can still be read.
final class TailedFile {
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    let identity: Identity
    let descriptor: Int32
    var path: String
    let service: String
    private let rule: LineStartRule
    private let utcOffset: @Sendable (Int64) -> Int
    /// Bytes read so far (the splitter holds those of a line not yet ended).
    private(set) var readOffset: UInt64
    private(set) var size: UInt64 = 0
    private(set) var head: FileHead
    private var splitter: LogLineSplitter
    private var assembler: MultilineAssembler
    /// Polls since the file was last found under one of the patterns; nil while it is.
    var pollsSinceSeen: Int?

    init(identity: Identity, descriptor: Int32, path: String, service: String, startOffset: UInt64, head: FileHead, rule: LineStartRule, utcOffset: @escaping @Sendable (Int64) -> Int) {
        self.identity = identity
        self.descriptor = descriptor
        self.path = path
        self.service = service
        self.rule = rule
        self.utcOffset = utcOffset
        self.head = head
        readOffset = startOffset
        splitter = LogLineSplitter(startOffset: startOffset)
        assembler = MultilineAssembler(rule: rule, startOffset: startOffset, utcOffset: utcOffset)
    }

    deinit {
        close(descriptor)
    }

    /// Every byte before this is in an event handed on.
    var committedOffset: UInt64 { assembler.committedOffset }
    var bytesBehind: UInt64 { size > readOffset ? size - readOffset : 0 }

    struct Reading {
        var events: [AssembledLogEvent] = []
        var lines = 0
        var bytes = 0
        var truncated = false
    }

    /// Reads what was added since the last read, at most `budget` bytes, and answers the
    /// events it finished. A file that shrank, or whose first bytes changed, was
    /// truncated in place (copytruncate): what was held is finished and it is read again
    /// from its start.
    ///
    /// `buffer` is the tailer's, lent to each file in turn: one allocation for every
    /// file and poll, where each read used to zero 64 KiB of its own.
    func read(budget: Int, now: Int64, idle: Int64, buffer: inout [UInt8]) -> Reading {
        var reading = Reading()
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return reading }
        size = UInt64(max(0, info.st_size))
        if size < readOffset || !headUnchanged() {
            reading.events += finishAll(now: now)
            reading.truncated = true
            restart(at: 0)
        }
        precondition(!buffer.isEmpty, "a read needs room")
        while readOffset < size, reading.bytes < budget {
            let wanted = min(buffer.count, budget - reading.bytes, Int(size - readOffset))
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(readOffset)) }
            guard count > 0 else { break }
            if head.length < FileHead.maximumLength, readOffset < UInt64(FileHead.maximumLength) { refreshHead() }
            for line in splitter.lines(in: buffer[0..<count]) {
                reading.lines += 1
                if let event = assembler.append(line, now: now) { reading.events.append(event) }
            }
            readOffset += UInt64(count)
            reading.bytes += count
        }
        if let event = assembler.finishIfIdle(now: now, idle: idle) { reading.events.append(event) }
        return reading
    }

    /// The unfinished line and event, finished: the file will not grow again.
    func finishAll(now: Int64) -> [AssembledLogEvent] {
        var events: [AssembledLogEvent] = []
        if let line = splitter.finish(), let event = assembler.append(line, now: now) { events.append(event) }
        if let event = assembler.finish() { events.append(event) }
        return events
    }

    var position: TailCheckpoint.FilePosition {
        TailCheckpoint.FilePosition(
            device: identity.device, inode: identity.inode, path: path, service: service, offset: committedOffset, head: head
        )
    }

    private func restart(at offset: UInt64) {
        readOffset = offset
        splitter = LogLineSplitter(startOffset: offset)
        assembler = MultilineAssembler(rule: rule, startOffset: offset, utcOffset: utcOffset)
        head = FileHead(length: 0, checksum: CRC32.checksum([UInt8]()))
        refreshHead()
    }

    private func headUnchanged() -> Bool {
        guard head.length > 0 else { return true }
        return Self.readHead(descriptor, length: head.length) == head
    }

    private func refreshHead() {
        head = Self.readHead(descriptor, length: FileHead.maximumLength)
    }

    /// The checksum of the first `length` bytes (fewer if the file is shorter).
    static func readHead(_ descriptor: Int32, length: Int) -> FileHead {
        var bytes = [UInt8](repeating: 0, count: length)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, 0) }
        return FileHead(bytes: bytes.prefix(max(0, count)))
    }
}
