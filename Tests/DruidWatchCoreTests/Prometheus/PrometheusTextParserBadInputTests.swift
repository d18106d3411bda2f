import DruidWatchCore
import Foundation
import Testing

/// Damaged bodies: a bad line is skipped with its number and reason and the rest kept;
/// a body that is not the text format at all is an error; nothing crashes.
@Suite struct PrometheusTextParserBadInputTests {
    private let parser = PrometheusTextParser()

    private func reasons(_ text: String) throws -> [Int: String] {
        let result = try parser.parse(text)
        return Dictionary(uniqueKeysWithValues: result.problems.map { ($0.line, $0.reason) })
    }

    @Test func badLinesAreSkippedAndTheRestKept() throws {
        let text = """
        # TYPE good gauge
        good 1
        bad_value abc
        bad_labels{x="1" y="2"} 1
        unclosed{x="1"
        bad_escape{x="a\\tb"} 1
        9starts_with_digit 1
        dup{x="1",x="2"} 1
        reserved{__name__="x"} 1
        timestamp_bad 1 12.5
        trailing 1 2 3
        missing_value{x="1"}
        hex 0x1p3
        underscore 1_000
        # TYPE good counter
        # TYPE weird_type rainbow
        # HELP good first
        # HELP good second
        also_good{x="1"} 2

        """
        let result = try parser.parse(text)
        #expect(result.families.map(\.name) == ["good", "also_good"])
        #expect(result.sampleCount == 2)
        #expect(result.skippedLines == 15)
        let byLine = Dictionary(uniqueKeysWithValues: result.problems.map { ($0.line, $0.reason) })
        #expect(byLine[3] == #"bad_value: invalid value "abc""#)
        #expect(byLine[4] == "bad_labels: expected ',' or '}' after the value of label x")
        #expect(byLine[5] == "unclosed: label set not closed")
        #expect(byLine[6] == #"invalid escape sequence \t in the value of label x"#)
        #expect(byLine[7] == "invalid metric name")
        #expect(byLine[8] == "dup: duplicate label x")
        #expect(byLine[9] == "reserved: label name __name__ is reserved")
        #expect(byLine[10]?.hasPrefix("timestamp_bad: invalid timestamp") == true)
        #expect(byLine[11] == "trailing: unexpected text after the timestamp")
        #expect(byLine[12] == "missing_value: missing value")
        #expect(byLine[13] == #"hex: invalid value "0x1p3""#)
        #expect(byLine[14] == #"underscore: invalid value "1_000""#)
        #expect(byLine[15] == "second TYPE line for good")
        #expect(byLine[16] == #"unknown metric type "rainbow" for weird_type"#)
        #expect(byLine[17] == nil)  // the first HELP is fine...
        #expect(byLine[18] == "second HELP line for good")
        #expect(result.family("good")?.help == "first")
    }

    @Test func typeMismatchesAreBadLines() throws {
        let byLine = try reasons("""
        # TYPE h histogram
        h 1
        h_bucket{x="1"} 1
        h_bucket{le="huge"} 1
        h_bucket{le="1"} 1
        # TYPE s summary
        s 1
        s{quantile="0.5"} 2
        late 1
        # TYPE late gauge

        """)
        #expect(byLine[2] == "h: a histogram's samples are h_bucket, h_sum and h_count")
        #expect(byLine[3] == "h_bucket: no le label")
        #expect(byLine[4] == #"h_bucket: le label "huge" is not a number"#)
        #expect(byLine[5] == nil)
        #expect(byLine[7] == "s: no quantile label")
        #expect(byLine[8] == nil)
        #expect(byLine[10] == "TYPE line for late after its samples")
    }

    @Test func hugeNumbersAreOutOfRangeNotInfinity() throws {
        let byLine = try reasons("""
        ok 1
        big 1e400
        long_big \(String(repeating: "9", count: 400))
        long_timestamp 1 99999999999999999999

        """)
        #expect(byLine[2] == "big: value 1e400 is out of range for a 64-bit float")
        #expect(byLine[3]?.hasPrefix("long_big: value 9999") == true)
        #expect(byLine[3]?.hasSuffix("is out of range for a 64-bit float") == true)
        #expect(byLine[4]?.hasPrefix("long_timestamp: invalid timestamp") == true)
    }

    @Test func nanIsAValueForTheParser() throws {
        let result = try parser.parse("a NaN\nb nan\nc +NaN\n")
        #expect(result.family("a")?.samples.first?.value.isNaN == true)
        #expect(result.family("b")?.samples.first?.value.isNaN == true)
        #expect(result.problems.map(\.line) == [3])
    }

    @Test func truncatedBodyDropsItsLastLine() throws {
        let full = "# TYPE a counter\na_total 1\nb{x=\"1\"} 12345\n"
        let cut = String(full.dropLast(3))  // "b{x=\"1\"} 123"
        let result = try parser.parse(cut)
        #expect(result.truncated)
        #expect(result.family("a")?.samples.first?.value == 1)
        #expect(result.family("b") == nil)
        #expect(result.problems == [PrometheusLineProblem(line: 3, reason: "no line feed at the end of the body: the line may be cut short")])
        // Cut inside a label value: same.
        let inLabel = try parser.parse("a 1\nb{x=\"va")
        #expect(inLabel.truncated)
        #expect(inLabel.sampleCount == 1)
    }

    @Test func emptyAndNonTextBodies() {
        #expect(throws: PrometheusParseError.emptyBody) { try parser.parse(Data()) }
        #expect(throws: PrometheusParseError.compressed) { try parser.parse(Data([0x1F, 0x8B, 0x08, 0x00, 0x01])) }
        #expect(throws: PrometheusParseError.noSamples(skippedLines: 1, firstProblem: PrometheusLineProblem(
            line: 1, reason: "sample without a metric name (quoted names are not supported)"
        ))) { try parser.parse("{\"status\": \"ok\"}\n") }
        #expect(throws: PrometheusParseError.self) { try parser.parse("<html><body>Login</body></html>") }
        #expect(throws: PrometheusParseError.self) { try parser.parse("   ") }
        let small = PrometheusTextParser(limits: .init(maximumBodyBytes: 10))
        #expect(throws: PrometheusParseError.bodyTooLarge(bytes: 11, limit: 10)) { try small.parse(Data("a 1\nb 2\nc 3".utf8)) }
    }

    @Test func onlyMetadataIsAnEmptyExpositionNotAnError() throws {
        // Druid's emitter before any event: every family declared, none has a series.
        let result = try parser.parse("# HELP druid_query_time x\n# TYPE druid_query_time histogram\n")
        #expect(result.families.isEmpty)
        #expect(result.skippedLines == 0)
    }

    @Test func invalidUTF8() throws {
        var body = Data("ok{x=\"caf\u{e9}\"} 1\nbad{x=\"".utf8)
        body.append(contentsOf: [0xC3, 0x28])  // an invalid two-byte sequence
        body.append(contentsOf: Data("\"} 2\n# HELP ok ".utf8))
        body.append(contentsOf: [0xFF, 0xFE])
        body.append(contentsOf: Data("\n# some comment \u{1F600} ".utf8))
        body.append(contentsOf: [0xFF])
        body.append(contentsOf: Data("\n".utf8))
        body.append(contentsOf: [0xFF, 0xFF])
        body.append(contentsOf: Data(" 3\n".utf8))
        let result = try parser.parse(body)
        #expect(result.family("ok")?.samples.first?.label("x") == "café")
        #expect(result.problems.map(\.line) == [2, 3, 5])
        #expect(result.problems[0].reason == "value of label x is not valid UTF-8")
        #expect(result.problems[1].reason == "HELP text is not valid UTF-8")
        #expect(result.problems[2].reason == "invalid metric name")
        // All binary: an error, not a crash.
        let noise = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        #expect(throws: PrometheusParseError.self) { try parser.parse(noise) }
    }

    @Test func megabyteLineIsSkippedAndBounded() throws {
        let huge = "big{x=\"" + String(repeating: "y", count: 1 << 20) + "\"} 1\n"
        let result = try parser.parse("before 1\n" + huge + "after 2\n")
        #expect(result.families.map(\.name) == ["before", "after"])
        #expect(result.problems.map(\.line) == [2])
        #expect(result.problems.first?.reason.contains("exceeds the limit of 65536") == true)
    }

    @Test func labelSetAndSampleCountAreBounded() throws {
        let labels = (0..<65).map { "l\($0)=\"v\"" }.joined(separator: ",")
        let result = try parser.parse("many{\(labels)} 1\nfew{a=\"b\"} 2\n")
        #expect(result.problems.first?.reason == "many: more than 64 labels")
        #expect(result.family("few") != nil)

        let limited = PrometheusTextParser(limits: .init(maximumSamples: 3, maximumReportedProblems: 1))
        let lines = (0..<10).map { "m{i=\"\($0)\"} \($0)\n" }.joined()
        let capped = try limited.parse(lines)
        #expect(capped.sampleCount == 3)
        #expect(capped.truncated)
        #expect(capped.problems.count == 1)
        #expect(capped.problems.first?.reason.hasPrefix("sample limit of 3 reached") == true)
    }

    @Test func problemsAreCountedBeyondThoseReported() throws {
        let body = (0..<100).map { "bad\($0) x\n" }.joined() + "good 1\n"
        let result = try parser.parse(body)
        #expect(result.skippedLines == 100)
        #expect(result.problems.count == 20)
        #expect(result.sampleCount == 1)
    }
}
