import DruidWatchCore
import Testing

/// Lines joined into events: Druid's stack traces under the event that logged them, the
/// checkpointable offset never past an unfinished event, and big events bounded.
@Suite struct MultilineAssemblerTests {
    static func lines(_ texts: [String], from start: UInt64 = 0) -> [LogLineSplitter.Line] {
        var splitter = LogLineSplitter(startOffset: start)
        return splitter.lines(in: Array(texts.map { $0 + "\n" }.joined().utf8))
    }

    @Test func aStackTraceJoinsTheEventThatLoggedIt() throws {
        var assembler = MultilineAssembler(rule: .datePrefix, startOffset: 0)
        let input = Self.lines([
            "2026-12-06T01:51:34,123 ERROR [qtp-1] org.apache.druid.server.QueryResource - Exception handling request",
            "java.lang.RuntimeException: boom",
            "\tat org.apache.druid.server.QueryResource.doPost(QueryResource.java:210)",
            "Caused by: java.io.IOException: disk",
            "2026-12-06T01:51:35,000 INFO [main] a.B - next",
        ])
        var finished: [AssembledLogEvent] = []
        for line in input {
            if let event = assembler.append(line, now: 0) { finished.append(event) }
        }
        let event = try #require(finished.first)
        #expect(finished.count == 1)
        #expect(event.lineCount == 4)
        #expect(event.level == "ERROR")
        #expect(event.timestamp == 1_796_521_894_123)
        #expect(event.message.hasSuffix("\nCaused by: java.io.IOException: disk"))
        // The "next" event is not finished: a restart must read it again.
        #expect(assembler.committedOffset == input[3].endOffset)
        #expect(assembler.finish()?.message == "2026-12-06T01:51:35,000 INFO [main] a.B - next")
        #expect(assembler.committedOffset == input[4].endOffset)
    }

    @Test func anEventIsFinishedOnceItsLinesStopComing() {
        var assembler = MultilineAssembler(rule: .datePrefix, startOffset: 0)
        let input = Self.lines(["2026-12-06T01:51:34,123 ERROR [main] a.B - failed", "\tat a.B.c(B.java:1)"])
        #expect(assembler.append(input[0], now: 1_000) == nil)
        #expect(assembler.append(input[1], now: 2_000) == nil)
        #expect(assembler.finishIfIdle(now: 6_999, idle: 5_000) == nil)
        #expect(assembler.finishIfIdle(now: 7_000, idle: 5_000)?.lineCount == 2)
        #expect(!assembler.hasPendingEvent)
    }

    @Test func linesWithoutATimestampAreStampedWhenRead() {
        var assembler = MultilineAssembler(rule: .everyLine, startOffset: 0)
        let input = Self.lines(["plain one", "plain two"])
        #expect(assembler.append(input[0], now: 42) == nil)
        let first = assembler.append(input[1], now: 43)
        #expect(first?.timestamp == 42)
        #expect(first?.level == nil)
        #expect(first?.message == "plain one")
    }

    @Test func anOperatorsPatternDecidesWhereEventsStart() throws {
        var assembler = MultilineAssembler(rule: .pattern(try LineStartPattern(#"\[\d+\]"#)), startOffset: 0)
        let input = Self.lines(["[1] first", "  more", "[2] second"])
        #expect(assembler.append(input[0], now: 0) == nil)
        #expect(assembler.append(input[1], now: 0) == nil)
        #expect(assembler.append(input[2], now: 0)?.message == "[1] first\n  more")
    }

    @Test func aTenThousandLineStackTraceIsBoundedAndMarked() throws {
        var assembler = MultilineAssembler(rule: .datePrefix, startOffset: 0)
        let frame = "\tat org.apache.druid.segment.QueryableIndexStorageAdapter.makeCursors(QueryableIndexStorageAdapter.java:217)"
        let input = Self.lines(["2026-12-06T01:51:34,123 ERROR [main] a.B - StackOverflowError"] + Array(repeating: frame, count: 10_000))
        for line in input { #expect(assembler.append(line, now: 0) == nil) }
        let finished = assembler.finish()
        let event = try #require(finished)
        let total = input.last!.endOffset - 1 // the last newline is not part of the message
        #expect(event.lineCount == 10_001)
        #expect(event.message.utf8.count <= LogEventBatcher.maximumEventBytes - LogEventBatcher.perEventOverhead)
        #expect(event.message.hasSuffix("[truncated by druidwatch: \(total) bytes]"))
        #expect(event.message.hasPrefix("2026-12-06T01:51:34,123 ERROR [main] a.B - StackOverflowError\n\tat org.apache.druid"))
        #expect(event.truncatedBytes > 800_000, "about 1.1 MB of frames, 256 KiB kept")
        #expect(LogEventBatcher.batches([event.logEvent]).first?.first?.message == event.message, "already within the limit")
    }
}
