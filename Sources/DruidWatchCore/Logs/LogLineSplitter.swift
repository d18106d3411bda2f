/// Cuts a file's bytes into lines as they arrive, keeping a line whose newline has not
/// been written yet for the next read. Bytes that are not UTF-8 become U+FFFD, so a
/// line is never lost to its encoding; a trailing `\r` is dropped. A line longer than
/// `maximumLineBytes` is handed on in pieces, so that one runaway line cannot hold
/// unbounded memory.
public struct LogLineSplitter: Sendable {
    public struct Line: Sendable, Hashable {
        public var text: String
        /// The file offset just past the line's newline (or its last byte, for a piece).
        public var endOffset: UInt64

        public init(text: String, endOffset: UInt64) {
            self.text = text
            self.endOffset = endOffset
        }
    }

    public let maximumLineBytes: Int
    /// The offset of the first byte not yet handed on as part of a line.
    public private(set) var consumedOffset: UInt64
    private var partial: [UInt8] = []

    public init(startOffset: UInt64, maximumLineBytes: Int = LogEventBatcher.maximumEventBytes) {
        consumedOffset = startOffset
        self.maximumLineBytes = max(1, maximumLineBytes)
    }

    /// The bytes held for a line not yet ended.
    public var pendingBytes: Int { partial.count }

    /// The complete lines in `bytes`, which follow what was read before.
    public mutating func lines(in bytes: some Collection<UInt8>) -> [Line] {
        var lines: [Line] = []
        var offset = consumedOffset + UInt64(partial.count)
        for byte in bytes {
            offset += 1
            if byte == UInt8(ascii: "\n") {
                lines.append(line(endingAt: offset))
            } else {
                partial.append(byte)
                if partial.count >= maximumLineBytes { lines.append(line(endingAt: offset)) }
            }
        }
        return lines
    }

    /// What is held for an unfinished line, as a line: when the file will not grow any
    /// more (it was rotated away or deleted).
    public mutating func finish() -> Line? {
        guard !partial.isEmpty else { return nil }
        return line(endingAt: consumedOffset + UInt64(partial.count))
    }

    private mutating func line(endingAt offset: UInt64) -> Line {
        if partial.last == UInt8(ascii: "\r") { partial.removeLast() }
        let text = String(decoding: partial, as: UTF8.self)
        partial.removeAll(keepingCapacity: true)
        consumedOffset = offset
        return Line(text: text, endOffset: offset)
    }
}
