import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A clock the test moves, so that "no new line for 5 s" happens at once.
final class SteppingClock: WallClock {
    private let instant: Mutex<Date>

    init(_ start: Date = Date()) {
        instant = Mutex(start)
    }

    func now() -> Date { instant.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        instant.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Log files in a temporary directory, appended to as a Druid process does, and
/// shippers over one state directory (so a new shipper is a restart).
struct LogShippingTestbed {
    let root: TemporaryDirectory
    let clock = SteppingClock()
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    init() throws {
        root = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
    }

    var logDirectory: String { root.path + "/log/druid" }
    var stateDirectory: URL { root.url.appendingPathComponent("state", isDirectory: true) }

    func shipper(
        endpoint: String, pattern: String? = nil, startAtBeginning: Bool = true, alerts: AlertLogQueue? = nil, inbox: AggregationInbox? = nil,
        spoolMaximumBytes: Int = 64 << 20
    ) throws -> LogShipper {
        let file = LogsConfig.File(path: pattern ?? logDirectory + "/*.log", startAtBeginning: startAtBeginning)
        let spool = try LogSpool(options: SpoolOptions(
            directory: stateDirectory.appendingPathComponent("spool"), maximumBytes: spoolMaximumBytes, logger: Logger(label: "log-spool-test")
        ))
        let settings = LogShipper.Settings(
            group: try LogNameTemplate("/druid/{cluster}/{service}", kind: .group),
            stream: try LogNameTemplate("{instance_id}", kind: .stream),
            alerts: (try LogNameTemplate("/druid/{cluster}/alerts", kind: .group), try LogNameTemplate("{instance_id}", kind: .stream)),
            names: ["cluster": "test", "instance_id": "i-0test"],
            retentionDays: 7, flushInterval: .seconds(1), multilineTimeout: .seconds(5),
            checkpointFile: stateDirectory.appendingPathComponent("checkpoints.json")
        )
        let client = CloudWatchLogsClient(
            http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: endpoint,
            connectTimeout: .seconds(2), requestTimeout: .seconds(10)
        )
        return LogShipper(
            settings: settings, files: [LogsConfigFilePattern(file: file, rule: .datePrefix)], spool: spool, client: client,
            alertQueue: alerts, inbox: inbox, clock: clock, logger: Logger(label: "log-shipper-test")
        )
    }

    /// Appends lines as a writer holding the file open would (the inode stays).
    func append(_ name: String, _ lines: [String]) throws {
        let path = logDirectory + "/" + name
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func appendBytes(_ name: String, _ bytes: [UInt8]) throws {
        let descriptor = open(logDirectory + "/" + name, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        defer { close(descriptor) }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    func rename(_ from: String, _ to: String) {
        Glibc.rename(logDirectory + "/" + from, logDirectory + "/" + to)
    }

    func truncate(_ name: String) {
        Glibc.truncate(logDirectory + "/" + name, 0)
    }

    /// Druid's layout, stamped now, numbered so that order and gaps show.
    static func line(_ number: Int, level: String = "INFO", at date: Date = Date()) -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String { String(format: "%0\(width)d", value ?? 0) }
        let stamp = "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)),\(pad((parts.nanosecond ?? 0) / 1_000_000, 3))"
        return "\(stamp) \(level) [main] org.apache.druid.cli.Main - line \(number)"
    }

    static func lines(_ range: Range<Int>) -> [String] { range.map { line($0) } }

    /// Cycles with the clock moved past the multiline timeout, so the last event of
    /// each file is finished too.
    func settle(_ shipper: LogShipper, cycles: Int = 4) async {
        for _ in 0..<cycles {
            await shipper.cycle()
            clock.advance(6)
        }
    }

    static func events(_ moto: MotoServer, group: String, stream: String = "i-0test") async throws -> [CloudWatchLogEvent] {
        let client = CloudWatchLogsClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: moto.endpoint)
        return try await client.getLogEvents(group: group, stream: stream)
    }

    /// The numbers of the `line N` events, in the order CloudWatch Logs holds them.
    static func numbers(_ events: [CloudWatchLogEvent]) -> [Int] {
        events.compactMap { event in event.message.range(of: " - line ").flatMap { Int(event.message[$0.upperBound...].prefix { $0.isNumber }) } }
    }
}
