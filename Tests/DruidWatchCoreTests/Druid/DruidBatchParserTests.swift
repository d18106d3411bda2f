@testable import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct DruidBatchParserTests {
    struct Parsed {
        var report: DruidBatchReport
        var metrics: [DruidMetricEvent] = []
        var alerts: [DruidAlertEvent] = []
    }

    static func parse(_ bytes: [UInt8], keep: @escaping (String) -> [String] = { _ in ["dataSource", "type", "gcName", "gcGen", "server"] }) -> Parsed {
        var parser = DruidBatchParser()
        var metrics: [DruidMetricEvent] = []
        var alerts: [DruidAlertEvent] = []
        let report = bytes.withUnsafeBytes { buffer in
            parser.parse(buffer, keeping: keep, onMetric: { metrics.append($0) }, onAlert: { alerts.append($0) })
        }
        return Parsed(report: report, metrics: metrics, alerts: alerts)
    }

    static func parse(_ text: String, keep: @escaping (String) -> [String] = { _ in ["dataSource", "type", "gcName", "gcGen", "server"] }) -> Parsed { parse(Array(text.utf8), keep: keep) }

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Fixtures.url("druid/\(name)")))
    }

    @Test(arguments: ["http-emitter-array.json", "http-emitter-newlines.txt", "http-emitter-only-events.txt"])
    func everyFramingDruidSendsYieldsTheSameEvents(file: String) throws {
        let parsed = Self.parse(try Self.sample(file))
        #expect(parsed.report.malformed == nil)
        #expect(parsed.report.rejected == 0)
        #expect(parsed.report.metrics == 83)
        #expect(parsed.report.alerts == 1)
        let queryTimes = parsed.metrics.filter { $0.metric == "query/time" }
        #expect(queryTimes.map(\.value) == [1210, 48, 48, 1210, 230, 48])
        #expect(queryTimes.first?.service == "druid/broker")
        #expect(queryTimes.first?.host == "10.0.3.11:8082")
        #expect(queryTimes.first.map { $0.dimensions.map(\.name) } == ["dataSource", "type"])
        #expect(queryTimes.first.map { $0.dimensions.map(\.value) } == ["wikipedia", "timeseries"])
        // 2026-11-20T10:00:00.219Z
        #expect(abs((queryTimes.first?.timestamp ?? 0) - 1_795_168_800.219) < 1e-6)
        let gc = parsed.metrics.first { $0.metric == "jvm/gc/cpu" }
        #expect(gc?.value == 52_897_893)
        #expect(gc.map { $0.dimensions.map(\.value) } == ["g1", "young"])
    }

    @Test func theSameEventsComeOutOfEveryFraming() throws {
        let array = Self.parse(try Self.sample("http-emitter-array.json")).metrics
        let newlines = Self.parse(try Self.sample("http-emitter-newlines.txt")).metrics
        let concatenated = Self.parse(try Self.sample("http-emitter-only-events.txt")).metrics
        #expect(array == newlines)
        #expect(array == concatenated)
    }

    @Test func alertsKeepEveryFieldFlattened() throws {
        let alert = try #require(Self.parse(try Self.sample("http-emitter-array.json")).alerts.first)
        #expect(alert.service == "druid/historical")
        #expect(alert.host == "10.0.5.21:8083")
        #expect(alert.severity == "component-failure")
        #expect(alert.description == "Failed to load segment for dataSource")
        #expect(alert.fields["data.exceptionType"] == "org.apache.druid.segment.loading.SegmentLoadingException")
        #expect(alert.fields["data.segment.dataSource"] == "wikipedia")
        #expect(alert.fields["data.segment.size"] == "48211234")
        #expect(alert.fields["data.exceptionStackTrace"]?.contains("\n\tat ") == true)
        #expect(alert.fields["version"] == "31.0.1")
        #expect(alert.fields["service"] == nil && alert.fields["feed"] == nil && alert.fields["severity"] == nil)
    }

    /// Only the top level's `service`, `host`, `severity` and `description` make the
    /// headline; the same names deeper down, escaped keys and odd values stay fields.
    @Test func alertHeadlineComesFromTheTopLevelOnly() throws {
        let alert = try #require(Self.parse(#"{"feed":"alerts","timestamp":"2026-11-20T10:00:00Z","serv\u0069ce":"druid/overlord","host":7,"description":"disk \"full\"","data":{"service":"inner","host":{"name":"h"},"severity":"deep","t\u00e9":[1,2]},"":"empty","n":null}"#).alerts.first)
        #expect(alert.service == "druid/overlord")
        #expect(alert.host == "7")
        #expect(alert.severity == "unknown")
        #expect(alert.description == #"disk "full""#)
        #expect(alert.fields == [
            "timestamp": "2026-11-20T10:00:00Z", "data.service": "inner", "data.host.name": "h", "data.severity": "deep",
            "data.t\u{e9}": "[1,2]", "": "empty", "n": "null",
        ])
    }

    @Test func onlyTheSelectedDimensionsAreKept() {
        let parsed = Self.parse(#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","host":"h:1","metric":"query/time","value":5,"queryId":"q-1","dataSource":"w","remoteAddress":"1.2.3.4"}"#, keep: { $0 == "query/time" ? ["dataSource", "missing"] : [] })
        #expect(parsed.metrics.first.map { $0.dimensions.map(\.name) } == ["dataSource"])
    }

    @Test func dimensionValuesOfEveryShapeBecomeText() {
        let parsed = Self.parse(#"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","host":"h","metric":"m","value":1.5,"multi":["a","b"],"empty":[],"flag":true,"num":42,"nul":null,"obj":{"k":"v"},"esc":"tab\there \u00e9 \ud83d\ude00"}"#, keep: { _ in ["multi", "empty", "flag", "num", "nul", "obj", "esc"] })
        let dimensions = Dictionary(uniqueKeysWithValues: parsed.metrics.first?.dimensions.map { ($0.name, $0.value) } ?? [])
        #expect(dimensions == ["multi": "a,b", "flag": "true", "num": "42", "esc": "tab\there é 😀"])
        #expect(parsed.metrics.first?.value == 1.5)
    }

    @Test func timestampsWithOffsetsAndWithoutFractions() {
        let parsed = Self.parse("""
            {"feed":"metrics","timestamp":"2026-11-20T11:00:00.500+01:00","service":"s","metric":"m","value":1}
            {"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"m","value":1}
            """)
        #expect(parsed.metrics.map(\.timestamp) == [1_795_168_800.5, 1_795_168_800])
    }

    @Test func largeAndFractionalNumbersKeepTheirValue() {
        let parsed = Self.parse("""
            [{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"a","value":1099511627776},
             {"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"b","value":123456789012345678901234},
             {"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"c","value":-0.000125},
             {"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"d","value":6.02e23}]
            """)
        #expect(parsed.metrics.map(\.value) == [1_099_511_627_776, Double("123456789012345678901234")!, -0.000125, 6.02e23])
    }

    @Test func emptyArrayIsAnEmptyBatchNotAnError() {
        let parsed = Self.parse("[]\n")
        #expect(parsed.report.malformed == nil)
        #expect(parsed.report.accepted == 0)
    }

    @Test func otherFeedsAreCountedNotRejected() {
        let parsed = Self.parse(#"{"feed":"requests","timestamp":"2026-11-20T10:00:00Z","remoteAddr":"x"}"#)
        #expect(parsed.report.otherFeeds == 1)
        #expect(parsed.report.rejected == 0)
    }
}

@Suite struct ISO8601MinuteCacheTests {
    /// The cached minute gives exactly what the full reader gives, for every form.
    @Test func cachedReadingsEqualFullReadings() {
        var cache = ISO8601MinuteCache()
        let stamps = [
            "2026-11-20T10:00:00.219Z", "2026-11-20T10:00:59.999Z", "2026-11-20T10:00:07Z", "2026-11-20T10:01:00.5Z",
            "2026-11-20T10:01:00.123456Z", "2026-11-20T11:01:00.500+01:00", "2026-11-20T10:01:61Z", "2026-11-20T10:01:7xZ",
            "2026-02-29T10:00:00Z", "2028-02-29T23:59:59.001Z", "1969-12-31T23:59:59.5Z",
        ]
        for stamp in stamps + stamps {
            let bytes = Array(stamp.utf8)
            let cached = bytes.withUnsafeBytes { cache.secondsSince1970($0) }
            let full = bytes.withUnsafeBytes { ISO8601Timestamp.secondsSince1970($0) }
            #expect(cached == full, "\(stamp)")
        }
    }
}
