import Foundation
import Logging
import Testing

@testable import DruidWatchSystemd

@Suite struct StderrLogHandlerTests {
    @Test func lineHasTimestampLevelLabelMessageAndMetadata() {
        let line = StderrLogHandler.line(
            time: fixedDate(fraction: 0.125), level: .warning, label: "druidwatch.agent", message: "message",
            metadata: ["key": "value", "key2": "with space"]
        )
        #expect(line == #"2026-11-25T10:00:00.125Z warning druidwatch.agent: message key=value key2="with space""# + "\n")
    }

    @Test func timestampIsUTCWithMilliseconds() {
        #expect(StderrLogHandler.line(time: fixedDate(), level: .info, label: "l", message: "m", metadata: [:])
            == "2026-11-25T10:00:00.000Z info l: m\n")
        #expect(StderrLogHandler.line(time: fixedDate(fraction: 0.5), level: .info, label: "l", message: "m", metadata: [:])
            .hasPrefix("2026-11-25T10:00:00.500Z "))
    }

    @Test func timestampDoesNotDependOnTheLocalTimeZone() {
        // 23:59:59.750 UTC on the 24th is already the 25th in most of Asia.
        let line = StderrLogHandler.line(
            time: Date(timeIntervalSince1970: 1_795_600_800 - 10 * 3600 - 0.25), level: .info, label: "l", message: "m", metadata: [:]
        )
        #expect(line.hasPrefix("2026-11-24T23:59:59.750Z "))
    }

    @Test(arguments: Logger.Level.allCases)
    func levelIsWrittenByName(level: Logger.Level) {
        let line = StderrLogHandler.line(time: fixedDate(), level: level, label: "l", message: "m", metadata: [:])
        #expect(line == "2026-11-25T10:00:00.000Z \(level.rawValue) l: m\n")
    }

    @Test func messageControlCharactersAreEscapedSoTheRecordStaysOneLine() {
        let line = StderrLogHandler.line(
            time: fixedDate(), level: .error, label: "l", message: "first\nsecond\r\nback\\slash", metadata: [:]
        )
        #expect(line == #"2026-11-25T10:00:00.000Z error l: first\nsecond\r\nback\\slash"# + "\n")
        #expect(line.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count == 1)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("with space", #""with space""#),
        ("", #""""#),
        ("a=b", #""a=b""#),
        (#"say "hi""#, #""say \"hi\"""#),
        ("two\nlines", #"two\nlines"#),
        ("two lines\nhere", #""two lines\nhere""#),
        (#"C:\dir"#, #"C:\\dir"#),
        ("naïve-ünïcode", "naïve-ünïcode"),
    ])
    func metadataValuesAreQuotedOnlyWhenNeeded(value: String, expected: String) {
        let line = StderrLogHandler.line(time: fixedDate(), level: .info, label: "l", message: "m", metadata: ["k": .string(value)])
        #expect(line == "2026-11-25T10:00:00.000Z info l: m k=\(expected)\n")
    }

    @Test func metadataIsSortedByKey() {
        let line = StderrLogHandler.line(
            time: fixedDate(), level: .info, label: "l", message: "m", metadata: ["b": "2", "a": "1", "c": "3", "B": "0"]
        )
        #expect(line == "2026-11-25T10:00:00.000Z info l: m B=0 a=1 b=2 c=3\n")
    }

    @Test func nestedMetadataIsRenderedAndQuoted() {
        let line = StderrLogHandler.line(
            time: fixedDate(), level: .info, label: "l", message: "m",
            metadata: ["list": .array(["x", .stringConvertible(1)]), "map": .dictionary(["k": .array([])])]
        )
        #expect(line == #"2026-11-25T10:00:00.000Z info l: m list="[\"x\", \"1\"]" map="[\"k\": []]""# + "\n")
    }

    @Test func handlerWritesOneLineWithTheInjectedClockAndOutput() {
        let lines = Recorder<String>()
        let logger = Logger(label: "druidwatch.agent") { label in
            StderrLogHandler(label: label, now: { fixedDate(fraction: 0.25) }, output: { lines.append($0) })
        }
        logger.warning("disk almost full", metadata: ["mount": "/var/lib/druid"])
        #expect(lines.all == ["2026-11-25T10:00:00.250Z warning druidwatch.agent: disk almost full mount=/var/lib/druid\n"])
    }

    @Test func handlerDropsRecordsBelowItsLevel() {
        let lines = Recorder<String>()
        var logger = Logger(label: "l") { label in
            StderrLogHandler(label: label, level: .notice, now: { fixedDate() }, output: { lines.append($0) })
        }
        logger.info("dropped")
        logger.debug("dropped")
        logger.notice("kept")
        logger.critical("kept too")
        #expect(lines.all == ["2026-11-25T10:00:00.000Z notice l: kept\n", "2026-11-25T10:00:00.000Z critical l: kept too\n"])
        logger.logLevel = .trace
        logger.trace("now kept")
        #expect(lines.all.last == "2026-11-25T10:00:00.000Z trace l: now kept\n")
    }

    @Test func defaultLevelIsInfo() {
        let handler = StderrLogHandler(label: "l", output: { _ in })
        #expect(handler.logLevel == .info)
    }

    @Test func eventMetadataOverridesProviderWhichOverridesHandlerMetadata() {
        let lines = Recorder<String>()
        let provider = Logger.MetadataProvider { ["from": "provider", "provider-only": "p", "shared": "provider"] }
        var logger = Logger(label: "l") { label in
            StderrLogHandler(label: label, metadataProvider: provider, now: { fixedDate() }, output: { lines.append($0) })
        }
        logger[metadataKey: "from"] = "handler"
        logger[metadataKey: "handler-only"] = "h"
        logger[metadataKey: "shared"] = "handler"
        #expect(logger[metadataKey: "handler-only"] == "h")
        logger.info("m", metadata: ["shared": "event", "event-only": "e"])
        #expect(lines.all == ["2026-11-25T10:00:00.000Z info l: m event-only=e from=provider handler-only=h provider-only=p shared=event\n"])
    }

    @Test func concurrentRecordsStayWholeLines() async {
        let lines = Recorder<String>()
        let logger = Logger(label: "l") { label in
            StderrLogHandler(label: label, now: { fixedDate() }, output: { lines.append($0) })
        }
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { logger.info("record \(index)", metadata: ["i": "\(index)"]) }
            }
        }
        let expected = Set((0..<200).map { "2026-11-25T10:00:00.000Z info l: record \($0) i=\($0)\n" })
        #expect(Set(lines.all) == expected)
        #expect(lines.all.count == 200)
    }
}
