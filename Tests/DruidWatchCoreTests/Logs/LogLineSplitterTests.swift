import DruidWatchCore
import Testing

@Suite struct LogLineSplitterTests {
    @Test func anUnfinishedLineWaitsForItsNewline() {
        var splitter = LogLineSplitter(startOffset: 100)
        let first = splitter.lines(in: Array("one\ntw".utf8))
        #expect(first.map(\.text) == ["one"])
        #expect(first.map(\.endOffset) == [104])
        #expect(splitter.consumedOffset == 104)
        #expect(splitter.pendingBytes == 2)
        let second = splitter.lines(in: Array("o\r\nthree\n".utf8))
        #expect(second.map(\.text) == ["two", "three"])
        #expect(second.map(\.endOffset) == [109, 115])
        #expect(splitter.finish() == nil)
    }

    @Test func invalidUTF8IsReplacedNotDropped() {
        var splitter = LogLineSplitter(startOffset: 0)
        let lines = splitter.lines(in: [0x6F, 0x6B, 0xFF, 0xC3, 0x20, 0x0A, 0x68, 0x69, 0x0A])
        #expect(lines.map(\.text) == ["ok\u{FFFD}\u{FFFD} ", "hi"])
    }

    @Test func aRunawayLineIsHandedOnInBoundedPieces() {
        var splitter = LogLineSplitter(startOffset: 0, maximumLineBytes: 1_000)
        let lines = splitter.lines(in: [UInt8](repeating: UInt8(ascii: "x"), count: 2_500) + [0x0A])
        #expect(lines.map(\.text.utf8.count) == [1_000, 1_000, 500])
        #expect(lines.last?.endOffset == 2_501)
        #expect(splitter.pendingBytes == 0)
    }

    @Test func finishingHandsOnTheLastLineWithoutItsNewline() {
        var splitter = LogLineSplitter(startOffset: 0)
        _ = splitter.lines(in: Array("tail".utf8))
        #expect(splitter.finish() == LogLineSplitter.Line(text: "tail", endOffset: 4))
    }
}
