@testable import DruidWatchConfig
import Testing

@Suite("ConfigReader, ConfigIssue and ConfigError")
struct ConfigReaderTests {
    @Test("Durations: ms, s, m, h or bare seconds", arguments: [
        ("500ms", Duration.milliseconds(500)), ("10s", .seconds(10)), ("5m", .seconds(300)), ("1h", .seconds(3600)),
        ("1.5s", .milliseconds(1500)), ("0.5h", .seconds(1800)), ("90", .seconds(90)), ("0.25", .milliseconds(250)),
        (" 10s ", .seconds(10)), ("0", .zero), ("0ms", .zero), ("1e3ms", .seconds(1)),
    ])
    func parsesDuration(text: String, expected: Duration) {
        #expect(ConfigNode.parseDuration(text) == expected)
    }

    @Test("Not durations", arguments: ["", "s", "ms", "1d", "5M", "10 s", "-1s", "-5", "ten", "nan", "inf", "1e300s", "1e300", "9223372036854775807ms", "1e16h"])
    func rejectsDuration(text: String) {
        #expect(ConfigNode.parseDuration(text) == nil)
    }

    @Test("Edit distance and the did-you-mean threshold")
    func suggestions() {
        #expect(ConfigNode.editDistance("kitten", "sitting") == 3)
        #expect(ConfigNode.editDistance("", "abc") == 3)
        #expect(ConfigNode.editDistance("abc", "") == 3)
        #expect(ConfigNode.editDistance("host", "host") == 0)
        #expect(ConfigNode.closest(to: "hots", in: ["instance_id", "host"]) == "host")
        #expect(ConfigNode.closest(to: "colection_interval", in: ["period", "collection_interval"]) == "collection_interval")
        #expect(ConfigNode.closest(to: "format", in: ["level"]) == nil)
        #expect(ConfigNode.closest(to: "anything", in: []) == nil)
        // Equally close: the first candidate, as the allowed keys are listed.
        #expect(ConfigNode.closest(to: "metric", in: ["metrics", "metric_"]) == "metrics")
        // Lengths too far apart are not compared at all (a fuzzer's long keys were a
        // tenth of the loader's time).
        #expect(ConfigNode.closest(to: String(repeating: "period", count: 1_000), in: ["period"]) == nil)
        #expect(ConfigNode.closest(to: "periodical", in: ["period"]) == nil)
        #expect(ConfigNode.closest(to: "perio", in: ["period"]) == "period")
    }

    @Test("Scalars are text: no YAML tag decides what a key or value is")
    func scalarsAreText() throws {
        let reader = ConfigReader(file: "f.yaml")
        let document = try #require(reader.document("a: 2026-01-01\nb: 0x10\nc: yes\nd: ~x\n"))
        let mapping = try #require(document.mapping(allowed: ["a", "b", "c", "d"]))
        #expect(mapping["a"]?.string() == "2026-01-01")
        #expect(mapping["b"]?.string() == "0x10")
        #expect(mapping["c"]?.string() == "yes")
        #expect(mapping["d"]?.string() == "~x")
        #expect(reader.issues.isEmpty)
        // Written plain and quoted, `on` is one key twice (YAML 1.1 tags would have made
        // one of them a boolean and kept both).
        let twice = ConfigReader(file: "f.yaml")
        #expect(twice.document("on: a\n'on': b\n") == nil)
        #expect(twice.issues.map(\.message) == ["duplicate keys: on"])
    }

    @Test("An issue renders as file:line: field: message, or file: field: message without a line")
    func issueDescription() {
        #expect(ConfigIssue(file: "a.yaml", line: 3, column: 7, field: "aws.region", message: "bad").description == "a.yaml:3: aws.region: bad")
        #expect(ConfigIssue(file: "a.yaml", line: 0, field: "(file)", message: "cannot read: gone").description == "a.yaml: (file): cannot read: gone")
    }

    @Test("ConfigError sorts its issues by line, then column, and prints one per line")
    func errorOrder() {
        let error = ConfigError(issues: [
            ConfigIssue(file: "f", line: 9, column: 1, field: "c", message: "3"),
            ConfigIssue(file: "f", line: 2, column: 8, field: "b", message: "2"),
            ConfigIssue(file: "f", line: 2, column: 3, field: "a", message: "1"),
            ConfigIssue(file: "f", line: 0, field: "(file)", message: "0"),
        ])
        #expect(error.issues.map(\.message) == ["0", "1", "2", "3"])
        #expect(error.description == "f: (file): 0\nf:2: a: 1\nf:2: b: 2\nf:9: c: 3")
    }

    @Test("The reader works for any schema: every problem recorded against its own file")
    func readerOnItsOwn() throws {
        let reader = ConfigReader(file: "rules.yaml")
        let document = try #require(reader.document("name: cpu\nthreshold: high\nwindow: 5m\nextra: 1\n"))
        let mapping = try #require(document.mapping(allowed: ["name", "threshold", "window"]))
        #expect(mapping["name"]?.string() == "cpu")
        #expect(mapping["window"]?.duration() == .seconds(300))
        #expect(mapping["threshold"]?.bool() == nil)
        #expect(reader.issues.map(\.description) == [
            "rules.yaml:4: extra: unknown key 'extra'; allowed: name, threshold, window",
            "rules.yaml:2: threshold: expected true or false",
        ])

        let broken = ConfigReader(file: "rules.yaml")
        #expect(broken.document("a: [") == nil)
        #expect(broken.issues.map(\.field) == ["(syntax)"])
    }
}
