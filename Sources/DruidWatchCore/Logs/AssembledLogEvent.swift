/// A log event put together from one or more lines of a file: the line that started it
/// and its continuations.
public struct AssembledLogEvent: Sendable, Hashable {
    /// Milliseconds since the Unix epoch: the first line's own timestamp when it has
    /// one, otherwise when the line was read.
    public var timestamp: Int64
    /// The log4j level of the first line, when it is a log4j line.
    public var level: String?
    /// The lines, joined by `\n`, cut at CloudWatch Logs' event size with a marker.
    public var message: String
    public var lineCount: Int
    /// Bytes of the event left out to keep it within the size limit.
    public var truncatedBytes: Int

    public var logEvent: CloudWatchLogEvent { CloudWatchLogEvent(timestamp: timestamp, message: message) }
}
