import Logging
import Testing

@testable import DruidWatchSystemd

@Suite struct JournalFieldsTests {
    /// syslog(3) severities: LOG_CRIT=2, LOG_ERR=3, LOG_WARNING=4, LOG_NOTICE=5,
    /// LOG_INFO=6, LOG_DEBUG=7. swift-log has no emergency/alert, and trace has no
    /// syslog level below debug.
    @Test(arguments: [
        (Logger.Level.critical, 2), (.error, 3), (.warning, 4), (.notice, 5), (.info, 6), (.debug, 7), (.trace, 7),
    ])
    func priorityIsTheSyslogSeverity(level: Logger.Level, expected: Int) {
        #expect(JournalFields.priority(level) == expected)
    }

    @Test func everyLevelHasAPriorityInTheSyslogRange() {
        for level in Logger.Level.allCases {
            #expect((0...7).contains(JournalFields.priority(level)), "\(level)")
        }
    }

    @Test func standardFieldsComeFirstInAFixedOrder() {
        let fields = JournalFields.make(
            level: .warning, message: "disk almost full", metadata: [:], label: "druidwatch.agent", identifier: "druidwatch",
            source: "DruidWatchAgent", file: "DruidWatchAgent/Agent.swift", function: "run()", line: 42
        )
        #expect(fields == [
            "MESSAGE=disk almost full",
            "PRIORITY=4",
            "CODE_FILE=DruidWatchAgent/Agent.swift",
            "CODE_LINE=42",
            "CODE_FUNC=run()",
            "SYSLOG_IDENTIFIER=druidwatch",
            "LOGGER_LABEL=druidwatch.agent",
            "SOURCE_MODULE=DruidWatchAgent",
        ])
    }

    @Test func multiLineMessageStaysOneFieldVerbatim() {
        let fields = make(message: "first line\nsecond line\ttabbed\\")
        #expect(fields.first == "MESSAGE=first line\nsecond line\ttabbed\\")
        #expect(fields.filter { $0.hasPrefix("MESSAGE=") }.count == 1)
    }

    @Test func metadataFollowsTheStandardFieldsSortedByKey() {
        let fields = make(metadata: ["zone": "eu-west-1a", "attempt": .stringConvertible(3), "instance-id": "i-0abc"])
        #expect(Array(fields.dropFirst(8)) == ["ATTEMPT=3", "INSTANCE_ID=i-0abc", "ZONE=eu-west-1a"])
    }

    @Test func metadataNeverOverwritesAStandardField() {
        let fields = make(
            level: .error, message: "real message",
            metadata: ["message": "fake", "PRIORITY": "0", "code_line": "1", "syslog_identifier": "evil"]
        )
        #expect(fields.filter { $0.hasPrefix("MESSAGE=") } == ["MESSAGE=real message"])
        #expect(fields.filter { $0.hasPrefix("PRIORITY=") } == ["PRIORITY=3"])
        #expect(fields.filter { $0.hasPrefix("CODE_LINE=") }.count == 1)
        #expect(fields.filter { $0.hasPrefix("SYSLOG_IDENTIFIER=") } == ["SYSLOG_IDENTIFIER=druidwatch"])
        #expect(fields.contains("M_MESSAGE=fake"))
        #expect(fields.contains("M_PRIORITY=0"))
        #expect(fields.contains("M_CODE_LINE=1"))
        #expect(fields.contains("M_SYSLOG_IDENTIFIER=evil"))
    }

    @Test func metadataValueWithNewlineIsKeptWhole() {
        // sd_journal_sendv takes binary-safe iovecs; the value is not escaped.
        let fields = make(metadata: ["trace": "line one\nline two"])
        #expect(fields.last == "TRACE=line one\nline two")
    }

    @Test func nestedMetadataIsRenderedLikeSwiftLogDescribesIt() {
        let fields = make(metadata: [
            "list": .array(["a", .stringConvertible(2), .array(["b"])]),
            "map": .dictionary(["inner": .dictionary(["key": "value with space"])]),
            "empty-map": .dictionary([:]),
            "empty-list": .array([]),
        ])
        #expect(Array(fields.dropFirst(8)) == [
            "EMPTY_LIST=[]",
            "EMPTY_MAP=[:]",
            #"LIST=["a", "2", ["b"]]"#,
            #"MAP=["inner": ["key": "value with space"]]"#,
        ])
    }

    @Test(arguments: [
        ("level", "LEVEL"),
        ("requestId", "REQUESTID"),
        ("request-id", "REQUEST_ID"),
        ("aws.region", "AWS_REGION"),
        ("a b\tc", "A_B_C"),
        ("already_VALID_9", "ALREADY_VALID_9"),
        ("héllo", "H_LLO"),
        ("日本", "M___"),
        ("_private", "M__PRIVATE"),
        ("__", "M___"),
        ("9lives", "M_9LIVES"),
        ("0", "M_0"),
        ("-dash", "M__DASH"),
        ("", "M_"),
        ("message", "M_MESSAGE"),
        ("Priority", "M_PRIORITY"),
        ("code-file", "M_CODE_FILE"),
        ("source_module", "M_SOURCE_MODULE"),
        ("logger.label", "M_LOGGER_LABEL"),
    ])
    func metadataKeyBecomesAJournalFieldName(key: String, expected: String) {
        #expect(JournalFields.fieldName(key) == expected)
    }

    @Test func fieldNamesAreCutTo64Characters() {
        let long = String(repeating: "a", count: 100)
        #expect(JournalFields.fieldName(long) == String(repeating: "A", count: 64))
        let longWithDigit = "1" + String(repeating: "b", count: 100)
        let name = JournalFields.fieldName(longWithDigit)
        #expect(name.count == 64)
        #expect(name.hasPrefix("M_1BBB"))
    }

    @Test func everyFieldNameIsValidForJournald() {
        let keys = [
            "", "_", "_x", "x_", "9", "99 bottles", "Ünïcödé", "🙂", "k=v", "a\nb", "MESSAGE", "message_id",
            String(repeating: "_", count: 80), String(repeating: "7", count: 80), String(repeating: "é", count: 80),
            "straße", "ﬁle", "İstanbul",
        ]
        for key in keys {
            let name = JournalFields.fieldName(key)
            #expect(Self.isValidJournalFieldName(name), "\(key.debugDescription) -> \(name.debugDescription)")
            #expect(!JournalFields.standardFields.contains(name), "\(key.debugDescription) -> \(name)")
        }
    }

    /// journald's rule (systemd.journal-fields(7), journal_field_valid): 1 to 64
    /// characters of A-Z, 0-9 and "_", not starting with "_" (trusted fields) or a digit.
    static func isValidJournalFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64 else { return false }
        guard ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private func make(level: Logger.Level = .info, message: String = "m", metadata: Logger.Metadata = [:]) -> [String] {
        JournalFields.make(
            level: level, message: message, metadata: metadata, label: "label", identifier: "druidwatch",
            source: "Module", file: "Module/File.swift", function: "f()", line: 1
        )
    }
}
