/// Joins one file's lines into events: a line that starts an event (``LineStartRule``)
/// finishes the one before; other lines are appended to it. The event being put
/// together is held until the next event starts, the file ends, or it has had no new
/// line for a while, because a stack trace is written a few lines at a time.
///
/// An event is held to CloudWatch Logs' size limit (``LogEventBatcher/maximumEventBytes``):
/// further lines are counted, not kept, and the event carries a marker saying how much
/// was left out, so a 10,000-line stack trace costs bounded memory and still arrives with
/// its first lines.
///
/// ``committedOffset`` is the file offset up to which every byte is in a finished event:
/// what a checkpoint may record, so that a restart re-reads the unfinished event instead
/// of losing it.
public struct MultilineAssembler: Sendable {
    public let rule: LineStartRule
    public let maximumMessageBytes: Int
    private let utcOffset: @Sendable (Int64) -> Int
    private var pending: Pending?
    private var lastEndOffset: UInt64

    private struct Pending {
        var startOffset: UInt64
        var timestamp: Int64
        var level: String?
        var message: String
        var keptBytes: Int
        var totalBytes: Int
        var lineCount: Int
        var lastLineAt: Int64
    }

    public init(
        rule: LineStartRule, startOffset: UInt64, maximumMessageBytes: Int = LogEventBatcher.maximumEventBytes - LogEventBatcher.perEventOverhead,
        utcOffset: @escaping @Sendable (Int64) -> Int = { _ in 0 }
    ) {
        self.rule = rule
        self.maximumMessageBytes = maximumMessageBytes
        self.utcOffset = utcOffset
        lastEndOffset = startOffset
    }

    public var committedOffset: UInt64 { pending?.startOffset ?? lastEndOffset }
    public var hasPendingEvent: Bool { pending != nil }

    /// Takes the next line (`now` in milliseconds since the epoch); answers the event it
    /// finishes, if any.
    public mutating func append(_ line: LogLineSplitter.Line, now: Int64) -> AssembledLogEvent? {
        let startOffset = lastEndOffset
        lastEndOffset = line.endOffset
        let lineBytes = line.text.utf8.count
        if var current = pending, !rule.startsEvent(line.text) {
            current.totalBytes += 1 + lineBytes
            if current.keptBytes + 1 + lineBytes <= maximumMessageBytes {
                current.message += "\n" + line.text
                current.keptBytes += 1 + lineBytes
            }
            current.lineCount += 1
            current.lastLineAt = now
            pending = current
            return nil
        }
        let finished = finish()
        let parsed = DruidLogLine.parse(line.text, utcOffset: utcOffset)
        var message = line.text
        var kept = lineBytes
        if lineBytes > maximumMessageBytes {
            message = LogEventBatcher.prefix(of: line.text, withinBytes: maximumMessageBytes)
            kept = message.utf8.count
        }
        pending = Pending(
            startOffset: startOffset, timestamp: parsed?.timestamp ?? now, level: parsed?.level, message: message,
            keptBytes: kept, totalBytes: lineBytes, lineCount: 1, lastLineAt: now
        )
        return finished
    }

    /// The event being put together, finished, when no line has come for `idle`
    /// milliseconds.
    public mutating func finishIfIdle(now: Int64, idle: Int64) -> AssembledLogEvent? {
        guard let current = pending, now - current.lastLineAt >= idle else { return nil }
        return finish()
    }

    /// The event being put together, finished (the file ended or is going away).
    public mutating func finish() -> AssembledLogEvent? {
        guard let current = pending else { return nil }
        pending = nil
        let left = current.totalBytes - current.keptBytes
        let message = left > 0 ? LogEventBatcher.marked(current.message, totalBytes: current.totalBytes, withinBytes: maximumMessageBytes) : current.message
        return AssembledLogEvent(
            timestamp: current.timestamp, level: current.level, message: message, lineCount: current.lineCount,
            truncatedBytes: left
        )
    }
}
