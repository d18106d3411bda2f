/// Splits log events into PutLogEvents calls that CloudWatch Logs accepts: in
/// chronological order, at most 10,000 events and 1,048,576 bytes (each event's UTF-8
/// message plus 26 bytes) a call, spanning at most 24 hours. An event over the size
/// limit is cut and marked, never dropped: its start usually says what went wrong.
public enum LogEventBatcher {
    public static let maximumEvents = 10_000
    public static let maximumBatchBytes = 1_048_576
    public static let perEventOverhead = 26
    /// 256 KiB with its overhead: the limit CloudWatch Logs has documented longest (it
    /// now takes up to 1 MB), so that the events are accepted by every endpoint.
    public static let maximumEventBytes = 262_144
    public static let maximumSpanMilliseconds: Int64 = 24 * 3600 * 1000

    /// The events in calls, oldest first; events of the same millisecond keep their order.
    public static func batches(_ events: [LogEvent]) -> [[LogEvent]] {
        let ordered = events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        var batches: [[LogEvent]] = []
        var current: [LogEvent] = []
        var bytes = 0
        for original in ordered {
            let event = fitted(original)
            let size = event.batchBytes
            let spanExceeded = current.first.map { event.timestamp - $0.timestamp > maximumSpanMilliseconds } ?? false
            if !current.isEmpty, current.count == maximumEvents || bytes + size > maximumBatchBytes || spanExceeded {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(event)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// The event, cut at a character boundary with a marker saying how much was left
    /// out when it is over the size limit.
    public static func fitted(_ event: LogEvent) -> LogEvent {
        guard event.batchBytes > maximumEventBytes else { return event }
        let total = event.message.utf8.count
        let marker = " [truncated by druidwatch: \(total) bytes]"
        let budget = maximumEventBytes - perEventOverhead - marker.utf8.count
        var kept = 0
        var end = event.message.startIndex
        for index in event.message.indices {
            let length = event.message[index].utf8.count
            if kept + length > budget { break }
            kept += length
            end = event.message.index(after: index)
        }
        return LogEvent(timestamp: event.timestamp, message: String(event.message[..<end]) + marker)
    }
}
