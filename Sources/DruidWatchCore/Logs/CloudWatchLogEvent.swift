/// One CloudWatch Logs event: when it happened (milliseconds since the epoch, as
/// PutLogEvents takes it) and its text.
public struct CloudWatchLogEvent: Sendable, Hashable, Codable {
    public var timestamp: Int64
    public var message: String

    public init(timestamp: Int64, message: String) {
        self.timestamp = timestamp
        self.message = message
    }

    /// What the event counts for against PutLogEvents' batch size: its UTF-8 bytes and
    /// 26 bytes of overhead.
    public var batchBytes: Int { message.utf8.count + LogEventBatcher.perEventOverhead }
}
