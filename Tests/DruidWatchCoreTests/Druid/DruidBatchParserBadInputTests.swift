import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// Bad input costs only itself: a bad event is rejected with its reason and the events
/// beside it are kept; broken JSON ends the batch where it breaks, keeping what came
/// before. Nothing here may crash.
@Suite struct DruidBatchParserBadInputTests {
    static let good = #"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","host":"h:1","metric":"query/count","value":7}"#

    func parse(_ text: String) -> DruidBatchParserTests.Parsed { DruidBatchParserTests.parse(text) }

    @Test(arguments: [
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"m","value":"12"}"#, "'value' is not a number"),
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"m","value":1e999}"#, "'value' is out of range"),
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","value":1}"#, "no 'metric'"),
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"m"}"#, "no 'value'"),
        (#"{"feed":"metrics","timestamp":"yesterday","service":"s","metric":"m","value":1}"#, "'timestamp' is not an ISO-8601 time"),
        (#"{"feed":"metrics","timestamp":"2026-02-30T10:00:00Z","service":"s","metric":"m","value":1}"#, "'timestamp' is not an ISO-8601 time"),
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":7,"metric":"m","value":1}"#, "'service' is not a string"),
        (#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","metric":"m","value":1}"#, "no 'service'"),
        (#"{}"#, "empty event object"),
        (#"42"#, "an event must be a JSON object"),
        (#"[1,2]"#, "an event must be a JSON object"),
    ])
    func aBadEventIsRejectedAloneWithItsReason(bad: String, reason: String) {
        let parsed = parse("[\(Self.good),\(bad),\(Self.good)]")
        #expect(parsed.report.metrics == 2)
        #expect(parsed.report.rejected == 1)
        #expect(parsed.report.malformed == nil)
        #expect(parsed.report.rejections.first?.index == 1)
        #expect(parsed.report.rejections.first?.reason.hasSuffix(reason) == true, "\(parsed.report.rejections)")
    }

    @Test func invalidUTF8InAStringRejectsOnlyThatEvent() {
        var bytes = Array("[\(Self.good),".utf8)
        bytes += Array(#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"m"#.utf8) + [0xFF, 0xFE] + Array(#"","value":1},"#.utf8)
        bytes += Array("\(Self.good)]".utf8)
        let parsed = DruidBatchParserTests.parse(bytes)
        #expect(parsed.report.metrics == 2)
        #expect(parsed.report.rejected == 1)
        #expect(parsed.report.rejections.first?.reason.contains("not valid UTF-8") == true)
    }

    /// An alert's keys are decoded into field paths: one that is not valid UTF-8, or
    /// holds a broken escape, rejects that alert alone.
    @Test func anAlertWithAnUndecodableKeyIsRejectedAlone() {
        let alert = Array(#"{"feed":"alerts","timestamp":"2026-11-20T10:00:00Z","service":"s","severity":"anomaly","data":{"k"#.utf8)
        let invalidUTF8 = Array("[\(Self.good),".utf8) + alert + [0xFF] + Array(#"":1}},\#(Self.good)]"#.utf8)
        let brokenEscape = Array("[\(Self.good),".utf8) + alert + Array(#"\uZZZZ":1}},\#(Self.good)]"#.utf8)
        for (bytes, reason) in [(invalidUTF8, "not valid UTF-8"), (brokenEscape, "bad \\u escape")] {
            let parsed = DruidBatchParserTests.parse(bytes)
            #expect(parsed.report.metrics == 2)
            #expect(parsed.report.alerts == 0)
            #expect(parsed.report.rejected == 1)
            #expect(parsed.report.malformed == nil)
            #expect(parsed.report.rejections.first?.reason.contains(reason) == true, "\(parsed.report.rejections)")
        }
    }

    @Test func truncationAtEveryByteNeverCrashesAndKeepsTheCompleteEvents() throws {
        let whole = Array(try Data(contentsOf: Fixtures.url("druid/http-emitter-newlines.txt")))
        let eventEnds = whole.indices.filter { whole[$0] == UInt8(ascii: "\n") }
        for length in stride(from: 0, to: whole.count, by: 61) {
            let parsed = DruidBatchParserTests.parse(Array(whole[..<length]))
            let complete = eventEnds.filter { $0 < length }.count
            #expect(parsed.report.accepted >= complete)
            #expect(parsed.report.accepted <= complete + 1)
        }
    }

    @Test func truncatedArrayKeepsWhatCameBeforeAndSaysWhere() {
        let parsed = parse("[\(Self.good),\(Self.good),{\"feed\":\"metr")
        #expect(parsed.report.metrics == 2)
        #expect(parsed.report.malformed?.reason == "unterminated string")
    }

    @Test func garbageBetweenEventsEndsTheBatch() {
        let parsed = parse("\(Self.good) junk \(Self.good)")
        #expect(parsed.report.metrics == 1)
        #expect(parsed.report.malformed?.reason.contains("expected the next event object") == true)
    }

    @Test(arguments: ["", "   \n", "null", "\"text\"", "12", "<html>"])
    func bodiesThatAreNoBatchAtAllAreMalformed(body: String) {
        let parsed = parse(body)
        #expect(parsed.report.accepted == 0)
        #expect(parsed.report.malformed != nil)
    }

    @Test func deepNestingIsRefusedNotFollowed() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let parsed = parse("[\(Self.good),{\"feed\":\"metrics\",\"x\":\(deep)},\(Self.good)]")
        #expect(parsed.report.metrics == 1)
        #expect(parsed.report.malformed?.reason.contains("nested deeper than") == true)
    }

    @Test func hugeNumberTextIsRefused() {
        let digits = "1" + String(repeating: "0", count: 1000) + ".5"
        let parsed = parse("[\(Self.good),{\"feed\":\"metrics\",\"timestamp\":\"2026-11-20T10:00:00Z\",\"service\":\"s\",\"metric\":\"m\",\"value\":\(digits)}]")
        #expect(parsed.report.metrics == 1)
        #expect(parsed.report.malformed?.reason.contains("number too long") == true)
    }

    @Test func rejectionReasonsAreBoundedButAllCounted() {
        let bad = #"{"feed":"metrics","metric":"m"}"#
        let parsed = parse("[" + Array(repeating: bad, count: 500).joined(separator: ",") + "]")
        #expect(parsed.report.rejected == 500)
        #expect(parsed.report.rejections.count == DruidBatchReport.maximumReasonsKept)
    }
}
