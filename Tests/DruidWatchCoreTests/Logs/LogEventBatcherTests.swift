import DruidWatchCore
import Testing

/// PutLogEvents' limits: order, count, bytes with the per-event overhead, the 24-hour
/// span, and events over the size limit cut rather than lost.
@Suite struct LogEventBatcherTests {
    let t0: Int64 = 1_790_000_000_000

    @Test func eventsGoOutOldestFirstKeepingTheOrderOfEqualTimes() {
        let events = [CloudWatchLogEvent(timestamp: t0 + 5, message: "c"), CloudWatchLogEvent(timestamp: t0, message: "a"), CloudWatchLogEvent(timestamp: t0, message: "b")]
        #expect(LogEventBatcher.batches(events) == [[events[1], events[2], events[0]]])
        #expect(LogEventBatcher.batches([]).isEmpty)
    }

    @Test func aCallHoldsAtMost10000Events() {
        let events = (0..<25_001).map { CloudWatchLogEvent(timestamp: t0 + Int64($0), message: "x") }
        let batches = LogEventBatcher.batches(events)
        #expect(batches.map(\.count) == [10_000, 10_000, 5_001])
        #expect(batches.joined().map(\.timestamp) == events.map(\.timestamp))
    }

    @Test func aCallHoldsAtMostAMebibyteCountingTheOverhead() {
        // 1,000 bytes + 26 each: 1,022 fit in 1,048,576 (1,048,572 bytes), the 1,023rd does not.
        let events = (0..<2_000).map { _ in CloudWatchLogEvent(timestamp: t0, message: String(repeating: "m", count: 1_000)) }
        let batches = LogEventBatcher.batches(events)
        #expect(batches.map(\.count) == [1_022, 978])
        #expect(batches.allSatisfy { $0.map(\.batchBytes).reduce(0, +) <= LogEventBatcher.maximumBatchBytes })
    }

    @Test func aCallSpansAtMost24Hours() {
        let day = LogEventBatcher.maximumSpanMilliseconds
        let events = [0, day, day + 1, 2 * day + 1].map { CloudWatchLogEvent(timestamp: t0 + $0, message: "e") }
        #expect(LogEventBatcher.batches(events).map(\.count) == [2, 2])
    }

    @Test func anEventOverTheLimitIsCutAtACharacterAndMarked() {
        let huge = String(repeating: "é", count: 200_000)  // 400,000 bytes
        let cut = LogEventBatcher.fitted(CloudWatchLogEvent(timestamp: t0, message: huge))
        #expect(cut.batchBytes <= LogEventBatcher.maximumEventBytes)
        #expect(cut.batchBytes > LogEventBatcher.maximumEventBytes - 8)
        #expect(cut.message.hasSuffix(" [truncated by druidwatch: 400000 bytes]"))
        #expect(cut.message.hasPrefix("éé"))
        let small = CloudWatchLogEvent(timestamp: t0, message: "fine")
        #expect(LogEventBatcher.fitted(small) == small)
    }
}
