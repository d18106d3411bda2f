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
    public static func batches(_ events: [CloudWatchLogEvent]) -> [[CloudWatchLogEvent]] {
        let ordered = events.enumerated().sorted { ($0.element.timestamp, $0.offset) < ($1.element.timestamp, $1.offset) }.map(\.element)
        var batches: [[CloudWatchLogEvent]] = []
        var current: [CloudWatchLogEvent] = []
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
    public static func fitted(_ event: CloudWatchLogEvent) -> CloudWatchLogEvent {
        guard event.batchBytes > maximumEventBytes else { return event }
        let message = marked(event.message, totalBytes: event.message.utf8.count, withinBytes: maximumEventBytes - perEventOverhead)
        return CloudWatchLogEvent(timestamp: event.timestamp, message: message)
    }

    /// The start of `message` with a marker saying the event had `totalBytes`, together
    /// at most `budget` UTF-8 bytes.
    public static func marked(_ message: String, totalBytes: Int, withinBytes budget: Int) -> String {
        let marker = " [truncated by druidwatch: \(totalBytes) bytes]"
        return prefix(of: message, withinBytes: budget - marker.utf8.count) + marker
    }

    /// The longest start of `text` of at most `budget` UTF-8 bytes that ends on a
    /// character boundary.
    public static func prefix(of text: String, withinBytes budget: Int) -> String {
        guard text.utf8.count > budget else { return text }
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let length = text[index].utf8.count
            if kept + length > budget { break }
            kept += length
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
