import DruidWatchTestSupport
import Foundation
import Logging
import Testing

@testable import DruidWatchSystemd

#if canImport(Glibc)
import Glibc
#endif

@Suite struct JournaldLogHandlerTests {
    /// A handler whose journal call records the fields and returns `result`, and whose
    /// stderr fallback writes into `fallbackLines`.
    private func handler(
        label: String, level: Logger.Level = .info, result: Int32 = 0, sent: Recorder<[String]>, fallbackLines: Recorder<String>,
        metadataProvider: Logger.MetadataProvider? = nil
    ) -> JournaldLogHandler {
        JournaldLogHandler(
            label: label, level: level, identifier: "druidwatch-test", metadataProvider: metadataProvider,
            send: { fields in
                sent.append(fields)
                return result
            },
            fallback: StderrLogHandler(label: label, level: level, now: { fixedDate() }, output: { fallbackLines.append($0) })
        )
    }

    @Test func oneRecordBecomesOneJournalEntryWithAllFields() throws {
        let sent = Recorder<[String]>()
        let fallback = Recorder<String>()
        let logger = Logger(label: "druidwatch.agent") { handler(label: $0, sent: sent, fallbackLines: fallback) }
        let line: UInt = #line + 1
        logger.error("upload failed\nretrying", metadata: ["request-id": "abc 123"], source: "DruidWatchAWS")
        let entries = sent.all
        try #require(entries.count == 1)
        #expect(entries[0] == [
            "MESSAGE=upload failed\nretrying",
            "PRIORITY=3",
            "CODE_FILE=\(#fileID)",
            "CODE_LINE=\(line)",
            "CODE_FUNC=\(#function)",
            "SYSLOG_IDENTIFIER=druidwatch-test",
            "LOGGER_LABEL=druidwatch.agent",
            "SOURCE_MODULE=DruidWatchAWS",
            "REQUEST_ID=abc 123",
        ])
        #expect(fallback.all.isEmpty)
    }

    @Test func sourceDefaultsToTheCallingModule() throws {
        let sent = Recorder<[String]>()
        let logger = Logger(label: "l") { handler(label: $0, sent: sent, fallbackLines: Recorder()) }
        logger.notice("hello")
        let fields = try #require(sent.all.first)
        #expect(fields.contains("SOURCE_MODULE=DruidWatchSystemdTests"))
        #expect(fields.contains("PRIORITY=5"))
    }

    @Test func recordsBelowTheLevelAreNotSent() {
        let sent = Recorder<[String]>()
        var logger = Logger(label: "l") { handler(label: $0, level: .warning, sent: sent, fallbackLines: Recorder()) }
        logger.info("dropped")
        logger.debug("dropped")
        logger.warning("kept")
        #expect(sent.all.map { $0[0] } == ["MESSAGE=kept"])
        logger.logLevel = .debug
        logger.debug("now kept")
        #expect(sent.all.map { $0[0] } == ["MESSAGE=kept", "MESSAGE=now kept"])
    }

    @Test func defaultInitializerUsesInfoLevel() {
        let handler = JournaldLogHandler(label: "l")
        #expect(handler.logLevel == .info)
        #expect(handler.metadata.isEmpty)
    }

    @Test func eventMetadataOverridesProviderWhichOverridesHandlerMetadata() throws {
        let sent = Recorder<[String]>()
        let provider = Logger.MetadataProvider { ["from": "provider", "shared": "provider"] }
        var logger = Logger(label: "l") { handler(label: $0, sent: sent, fallbackLines: Recorder(), metadataProvider: provider) }
        logger[metadataKey: "from"] = "handler"
        logger[metadataKey: "handler-only"] = "h"
        logger[metadataKey: "shared"] = "handler"
        logger.info("m", metadata: ["shared": "event"])
        let fields = try #require(sent.all.first)
        #expect(Array(fields.dropFirst(8)) == ["FROM=provider", "HANDLER_ONLY=h", "SHARED=event"])
    }

    @Test func refusedEntryGoesToStderrInstead() {
        let sent = Recorder<[String]>()
        let fallback = Recorder<String>()
        var logger = Logger(label: "druidwatch.agent") { handler(label: $0, result: -EAGAIN, sent: sent, fallbackLines: fallback) }
        logger[metadataKey: "instance"] = "i-1"
        logger.critical("journal is gone", metadata: ["reason": "socket full"])
        #expect(sent.all.count == 1)
        #expect(fallback.all == [#"2026-11-25T10:00:00.000Z critical druidwatch.agent: journal is gone instance=i-1 reason="socket full""# + "\n"])
    }

    @Test func acceptedEntryIsNotDuplicatedToStderr() {
        let fallback = Recorder<String>()
        let logger = Logger(label: "l") { handler(label: $0, result: 0, sent: Recorder(), fallbackLines: fallback) }
        logger.info("once")
        #expect(fallback.all.isEmpty)
    }

    /// libsystemd's journal-send.c treats ENOENT (no journal socket) as success: such
    /// records are dropped, not sent to the fallback. LogBackend only picks journald
    /// when systemd connected stderr to the journal, so the socket is expected there.
    @Test(.enabled(if: !JournalProbe.socketExists, "a journal socket exists; this checks the behaviour without one"))
    func sendWithoutAJournalSocketReportsSuccess() {
        #expect(JournaldLogHandler.send(["MESSAGE=druidwatch test without journal", "PRIORITY=7"]) == 0)
    }

    @Test(.enabled(if: JournalProbe.socketExists, "no journald here: \(JournalProbe.socketPath) does not exist"))
    func sendWithAJournalSocketSucceeds() {
        #expect(JournaldLogHandler.send(["MESSAGE=druidwatch systemd test", "PRIORITY=7", "DRUIDWATCH_TEST=send"]) == 0)
    }

    @Test(.enabled(if: JournalProbe.readable, "needs journald (\(JournalProbe.socketPath)) and a journalctl that can read the journal"))
    func recordCanBeReadBackWithJournalctl() async throws {
        let marker = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let logger = Logger(label: "druidwatch.journal-test") { label in
            JournaldLogHandler(label: label, level: .debug, identifier: "druidwatch-test")
        }
        logger.warning("journald round trip\nsecond line", metadata: ["druidwatch-test-id": "\(marker)"])

        var entry: [String: Any]?
        for _ in 0..<50 where entry == nil {
            let output = try await JournalProbe.run(["-o", "json", "--no-pager", "DRUIDWATCH_TEST_ID=\(marker)"])
            if let firstLine = output.split(separator: "\n").first {
                entry = try JSONSerialization.jsonObject(with: Data(firstLine.utf8)) as? [String: Any]
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let found = try #require(entry, "journalctl never showed the entry")
        #expect(JournalProbe.text(found["MESSAGE"]) == "journald round trip\nsecond line")
        #expect(found["PRIORITY"] as? String == "4")
        #expect(found["SYSLOG_IDENTIFIER"] as? String == "druidwatch-test")
        #expect(found["LOGGER_LABEL"] as? String == "druidwatch.journal-test")
        #expect(found["CODE_FUNC"] as? String == #function)
        #expect(found["DRUIDWATCH_TEST_ID"] as? String == marker)
    }
}

/// Whether this machine has a journal the tests may write to and read back.
enum JournalProbe {
    static let socketPath = "/run/systemd/journal/socket"
    static let journalctl = "/usr/bin/journalctl"

    static var socketExists: Bool {
        var status = stat()
        return stat(socketPath, &status) == 0 && (status.st_mode & S_IFMT) == S_IFSOCK
    }

    /// The socket exists and journalctl prints at least one entry as JSON.
    static var readable: Bool {
        guard socketExists, access(journalctl, X_OK) == 0,
              let child = try? ChildProcess(executable: journalctl, arguments: ["-n", "1", "-o", "json", "--no-pager", "-q"])
        else { return false }
        var output = Data()
        while true {
            let chunk = child.readAvailable()
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        child.stop()
        return output.first == UInt8(ascii: "{")
    }

    /// journalctl -o json prints a field as a string, or as an array of bytes when it is
    /// not printable text.
    static func text(_ value: Any?) -> String? {
        if let string = value as? String { return string }
        if let bytes = value as? [Int] { return String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self) }
        return nil
    }

    static func run(_ arguments: [String]) async throws -> String {
        let child = try ChildProcess(executable: journalctl, arguments: arguments)
        let output = await child.readToEnd()
        child.stop()
        return String(decoding: output, as: UTF8.self)
    }
}
