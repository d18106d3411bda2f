import DruidWatchCore
import Foundation

/// The agent's `logs` section: the Druid log files shipped to CloudWatch Logs and the
/// stream Druid's alerts are written to. Nothing is shipped unless the section is there.
public struct LogsConfig: Sendable, Equatable {
    public var enabled = false
    public var files: [File] = []
    public var group = "/druid/{cluster}/{service}"
    public var stream = "{instance_id}"
    /// Set on the groups the agent creates; an existing group's retention is the operator's.
    public var retentionDays: Int? = 30
    public var alerts = Alerts()
    /// How often new lines are read and sent.
    public var flushInterval: Duration = .seconds(5)
    /// An event still being written (a stack trace) is sent once no line has come for this long.
    public var multilineTimeout: Duration = .seconds(5)
    /// The checkpoint (`checkpoints.json`) and the spool (`spool/`) of events not yet sent.
    public var stateDirectory = "/var/lib/druidwatch/logs"
    public var spoolMaximumBytes = 256 << 20
    /// The zone of timestamps written without one (log4j2's `%d{ISO8601}` is the JVM's local time).
    public var timeZone = "UTC"

    public init() {}

    public struct File: Sendable, Equatable {
        /// A shell pattern (`/var/log/druid/*.log`).
        public var path: String
        /// The `{service}` of the group name; by default the file name up to its first dot.
        public var service: String?
        public var multiline: Multiline = .datePrefix
        /// Whether a file seen for the first time is read from its start; files that
        /// appear while the agent runs are always read from their start.
        public var startAtBeginning = false

        public init(path: String, service: String? = nil, multiline: Multiline = .datePrefix, startAtBeginning: Bool = false) {
            self.path = path
            self.service = service
            self.multiline = multiline
            self.startAtBeginning = startAtBeginning
        }
    }

    /// What starts a new event (see ``LineStartRule``).
    public enum Multiline: Sendable, Equatable {
        case datePrefix
        case everyLine
        case pattern(String)
    }

    public struct Alerts: Sendable, Equatable {
        public var enabled = true
        public var group = "/druid/{cluster}/alerts"
        public var stream = "{instance_id}"
        public init() {}
    }

    /// The retention periods CloudWatch Logs accepts, in days.
    public static let retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]
}

enum LogsConfigReader {
    static func read(_ node: ConfigNode, into logs: inout LogsConfig) {
        guard let mapping = node.mapping(allowed: [
            "enabled", "files", "group", "stream", "retention_days", "alerts", "flush_interval", "multiline_timeout", "state_directory",
            "spool_max_bytes", "timezone",
        ]) else { return }
        logs.enabled = true
        if let value = mapping["enabled"]?.bool() { logs.enabled = value }
        if let node = mapping["files"], let list = node.list() {
            logs.files = list.compactMap(readFile)
        }
        if let node = mapping["group"], let value = template(node, kind: .group) { logs.group = value }
        if let node = mapping["stream"], let value = template(node, kind: .stream) { logs.stream = value }
        if let node = mapping["retention_days"] {
            if node.scalarText() == "never" {
                logs.retentionDays = nil
            } else if let value = node.integer() {
                if LogsConfig.retentionDays.contains(value) {
                    logs.retentionDays = value
                } else {
                    node.report("must be one of CloudWatch Logs' retention periods (\(LogsConfig.retentionDays.map(String.init).joined(separator: ", "))) or never")
                }
            }
        }
        if let node = mapping["alerts"], let alerts = node.mapping(allowed: ["enabled", "group", "stream"]) {
            if let value = alerts["enabled"]?.bool() { logs.alerts.enabled = value }
            if let node = alerts["group"], let value = template(node, kind: .group) { logs.alerts.group = value }
            if let node = alerts["stream"], let value = template(node, kind: .stream) { logs.alerts.stream = value }
        }
        if let node = mapping["flush_interval"], let value = node.duration() {
            if value < .seconds(1) || value > .seconds(60) { node.report("must be 1s to 60s") } else { logs.flushInterval = value }
        }
        if let node = mapping["multiline_timeout"], let value = node.duration() {
            if value < .seconds(1) || value > .seconds(300) { node.report("must be 1s to 300s") } else { logs.multilineTimeout = value }
        }
        if let node = mapping["state_directory"], let value = node.string() {
            if value.hasPrefix("/") { logs.stateDirectory = value } else { node.report("must be an absolute path") }
        }
        if let node = mapping["spool_max_bytes"], let value = node.integer() {
            if value < 1 << 20 { node.report("must be a whole number of bytes, at least 1048576") } else { logs.spoolMaximumBytes = value }
        }
        if let node = mapping["timezone"], let value = node.string() {
            if TimeZone(identifier: value) == nil { node.report("unknown time zone '\(value)' (an IANA name such as UTC or Europe/Berlin)") } else { logs.timeZone = value }
        }
        if logs.enabled, logs.files.isEmpty, !logs.alerts.enabled {
            node.report("ships nothing: list files, or leave alerts enabled")
        }
    }

    private static func readFile(_ node: ConfigNode) -> LogsConfig.File? {
        guard let mapping = node.mapping(allowed: ["path", "service", "multiline_start", "start_at"]) else { return nil }
        guard let pathNode = mapping["path"] else {
            node.report("needs path: the log files, such as /var/log/druid/*.log")
            return nil
        }
        guard let path = pathNode.string() else { return nil }
        guard path.hasPrefix("/") else {
            pathNode.report("must be an absolute path")
            return nil
        }
        var file = LogsConfig.File(path: path)
        if let node = mapping["service"], let value = node.string() {
            if value.isEmpty { node.report("must not be empty") } else { file.service = value }
        }
        if let node = mapping["multiline_start"], let value = node.string() {
            switch value {
            case "date": file.multiline = .datePrefix
            case "every_line": file.multiline = .everyLine
            default:
                do {
                    _ = try LineStartPattern(value)
                    file.multiline = .pattern(value)
                } catch {
                    node.report("is not a regular expression: \(error) (or use date, every_line)")
                }
            }
        }
        if let value = mapping["start_at"]?.oneOf(["end", "beginning"]) { file.startAtBeginning = value == "beginning" }
        return file
    }

    private static func template(_ node: ConfigNode, kind: LogNameTemplate.Kind) -> String? {
        guard let value = node.string() else { return nil }
        do {
            _ = try LogNameTemplate(value, kind: kind)
            return value
        } catch {
            node.report(error.description)
            return nil
        }
    }
}
