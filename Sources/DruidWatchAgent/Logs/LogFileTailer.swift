import DruidWatchConfig
import DruidWatchCore
import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Follows the files the `logs.files` patterns match and turns what is written to them
/// into events, per service.
///
/// - Files are known by device and inode: a file renamed within the patterns (log4j2's
///   `historical.log` → `historical.20261206.log`) is followed on; one renamed out of
///   them or deleted is read to its end and then let go.
/// - A file that shrinks or whose first bytes change (copytruncate) is read again from
///   its start.
/// - At start, a file in the checkpoint is read on from its recorded offset (also when
///   it was renamed while the agent was down, if it is still in its directory); a file
///   never seen starts at its end unless its pattern says `start_at: beginning`; a
///   file that appears later, or that replaced a checkpointed one at the same path, is
///   read from its start.
/// - At most `readBudget` bytes are read per file per poll, so a large backlog is
///   worked off over several polls in bounded memory.
final class LogFileTailer {
    struct Pattern {
        var file: LogsConfig.File
        var rule: LineStartRule
    }

    struct ServiceEvent {
        var service: String
        var event: AssembledLogEvent
    }

    struct Poll {
        var events: [ServiceEvent] = []
        var linesRead = 0
        var truncations = 0
    }

    let patterns: [Pattern]
    let readBudget: Int
    private let utcOffset: @Sendable (Int64) -> Int
    private let logger: Logger
    private var files: [TailedFile.Identity: TailedFile] = [:]
    private var checkpointed: [TailedFile.Identity: TailCheckpoint.FilePosition]
    private var firstPoll = true
    /// Paths that could not be opened, said once each (until one opens) rather than
    /// every poll: a file the agent may not read would otherwise fill the journal.
    private var unopenable: Set<String> = []
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Polls a file is still read after it left the patterns, for a writer that has not
    /// let go of it yet.
    static let pollsAfterLeaving = 2

    init(patterns: [Pattern], checkpoint: TailCheckpoint, readBudget: Int = 4 << 20, utcOffset: @escaping @Sendable (Int64) -> Int, logger: Logger) {
        self.patterns = patterns
        self.readBudget = readBudget
        self.utcOffset = utcOffset
        self.logger = logger
        checkpointed = Dictionary(checkpoint.files.map { (TailedFile.Identity(device: $0.device, inode: $0.inode), $0) }, uniquingKeysWith: { $1 })
    }

    /// Every followed file's committed position, for the checkpoint.
    var positions: [TailCheckpoint.FilePosition] {
        files.values.map(\.position).sorted { ($0.path, $0.inode) < ($1.path, $1.inode) }
    }

    /// Bytes written but not read yet, per path.
    var bytesBehind: [String: UInt64] {
        Dictionary(files.values.map { ($0.path, $0.bytesBehind) }, uniquingKeysWith: +)
    }

    func poll(now: Int64, idle: Int64) -> Poll {
        discover()
        var poll = Poll()
        for file in files.values.sorted(by: { $0.path < $1.path }) {
            let reading = file.read(budget: readBudget, now: now, idle: idle, buffer: &readBuffer)
            poll.linesRead += reading.lines
            if reading.truncated {
                poll.truncations += 1
                logger.notice("log file truncated; reading it again from its start", metadata: ["file": "\(file.path)"])
            }
            poll.events += reading.events.map { ServiceEvent(service: file.service, event: $0) }
            if let polls = file.pollsSinceSeen {
                file.pollsSinceSeen = polls + 1
                if polls + 1 > Self.pollsAfterLeaving, reading.bytes == 0 {
                    poll.events += file.finishAll(now: now).map { ServiceEvent(service: file.service, event: $0) }
                    files[file.identity] = nil
                    logger.info("log file no longer followed (rotated away or deleted)", metadata: ["file": "\(file.path)"])
                }
            }
        }
        firstPoll = false
        return poll
    }

    private func discover() {
        var seen = Set<TailedFile.Identity>()
        for pattern in patterns {
            for path in Self.expand(pattern.file.path) {
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let identity = TailedFile.Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                guard seen.insert(identity).inserted else { continue }
                if let file = files[identity] {
                    if file.path != path { logger.info("log file renamed", metadata: ["from": "\(file.path)", "to": "\(path)"]) }
                    file.path = path
                    file.pollsSinceSeen = nil
                } else if let file = open(path, identity: identity, size: UInt64(max(0, info.st_size)), pattern: pattern) {
                    files[identity] = file
                }
            }
        }
        for file in files.values where !seen.contains(file.identity) && file.pollsSinceSeen == nil {
            file.pollsSinceSeen = 0
        }
        if firstPoll { resumeRotatedAway(seen: seen) }
    }

    private func open(_ path: String, identity: TailedFile.Identity, size: UInt64, pattern: Pattern) -> TailedFile? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            if unopenable.insert(path).inserted {
                logger.warning("cannot open log file; trying again every poll without saying so", metadata: ["file": "\(path)", "error": "\(reason)"])
            }
            return nil
        }
        unopenable.remove(path)
        let service: String
        let start: UInt64
        let head: FileHead
        let known = checkpointed.removeValue(forKey: identity)
        if let known, TailedFile.readHead(descriptor, length: known.head.length) == known.head {
            service = known.service
            start = known.offset <= size ? known.offset : 0
            head = known.head
        } else {
            // A reused inode (its first bytes differ) is a new file.
            service = pattern.file.service ?? Self.serviceName(path)
            let replacedKnownFile = checkpointed.values.contains { $0.path == path } || known != nil
            start = firstPoll && !pattern.file.startAtBeginning && !replacedKnownFile ? size : 0
            head = TailedFile.readHead(descriptor, length: start == 0 ? 0 : FileHead.maximumLength)
        }
        logger.info("following log file", metadata: ["file": "\(path)", "service": "\(service)", "offset": "\(start)", "size": "\(size)"])
        return TailedFile(identity: identity, descriptor: descriptor, path: path, service: service, startOffset: start, head: head, rule: pattern.rule, utcOffset: utcOffset)
    }

    /// Files of the checkpoint no pattern matches any more: renamed out of the patterns
    /// while the agent was down. Read to their end if still in their directory.
    private func resumeRotatedAway(seen: Set<TailedFile.Identity>) {
        for (identity, position) in checkpointed where !seen.contains(identity) {
            let directory = (position.path as NSString).deletingLastPathComponent
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { continue }
            for name in names {
                let path = directory + "/" + name
                var info = stat()
                guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                      UInt64(info.st_dev) == identity.device, UInt64(info.st_ino) == identity.inode else { continue }
                let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0, TailedFile.readHead(descriptor, length: position.head.length) == position.head else {
                    if descriptor >= 0 { close(descriptor) }
                    break
                }
                let rule = patterns.first { $0.file.service == nil || $0.file.service == position.service }?.rule ?? .datePrefix
                let file = TailedFile(
                    identity: identity, descriptor: descriptor, path: path, service: position.service, startOffset: min(position.offset, UInt64(max(0, info.st_size))),
                    head: position.head, rule: rule, utcOffset: utcOffset
                )
                file.pollsSinceSeen = 0
                files[identity] = file
                logger.info("reading the rest of a log file rotated while the agent was down", metadata: ["file": "\(path)", "offset": "\(position.offset)"])
                break
            }
        }
        checkpointed = [:]
    }

    /// `historical` for `/var/log/druid/historical.log` and `historical.20261206.log`.
    static func serviceName(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        return String(name.prefix { $0 != "." })
    }

    static func expand(_ pattern: String) -> [String] {
        var matches = glob_t()
        defer { globfree(&matches) }
        guard glob(pattern, 0, nil, &matches) == 0 else { return [] }
        return (0..<Int(matches.gl_pathc)).compactMap { index in matches.gl_pathv[index].map { String(cString: $0) } }
    }
}
