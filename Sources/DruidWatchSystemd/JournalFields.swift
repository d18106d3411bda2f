import Logging

/// The journald fields of one log record. Pure, so the mapping is testable without a
/// journal: metadata keys become valid journald field names (`[A-Z0-9_]`, not starting
/// with `_` or a digit, at most 64 characters) and never overwrite the standard fields.
public enum JournalFields {
    static let standardFields: Set<String> = [
        "MESSAGE", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "SYSLOG_IDENTIFIER", "LOGGER_LABEL", "SOURCE_MODULE",
    ]

    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public static func make(
        level: Logger.Level, message: String, metadata: Logger.Metadata, label: String, identifier: String,
        source: String, file: String, function: String, line: UInt
    ) -> [String] {
        var fields = [
            "MESSAGE=\(message)",
            "PRIORITY=\(priority(level))",
            "CODE_FILE=\(file)",
            "CODE_LINE=\(line)",
            "CODE_FUNC=\(function)",
            "SYSLOG_IDENTIFIER=\(identifier)",
            "LOGGER_LABEL=\(label)",
            "SOURCE_MODULE=\(source)",
        ]
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            fields.append("\(fieldName(key))=\(value)")
        }
        return fields
    }

    public static func fieldName(_ key: String) -> String {
        var name = String(key.uppercased().map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? $0 : "_" })
        if name.isEmpty || name.first == "_" || name.first!.isNumber || standardFields.contains(name) {
            name = "M_" + name
        }
        return String(name.prefix(64))
    }
}
