import Foundation

/// Log events kept on disk until CloudWatch Logs has them: one PutLogEvents call's
/// worth (``LogEventBatcher`` cuts them), with the group and stream they go to.
///
/// On disk: a JSON payload in a ``SpoolFrame`` with the magic `DWLG`, so that a metric
/// spool and a log spool can never read each other's files.
public struct LogSpoolRecord: SpoolableRecord, Hashable {
    public var group: String
    public var stream: String
    public var events: [CloudWatchLogEvent]

    public init(group: String, stream: String, events: [CloudWatchLogEvent]) {
        self.group = group
        self.stream = stream
        self.events = events
    }

    public static let magic: [UInt8] = Array("DWLG".utf8)
    public static let version: UInt8 = 1

    public var oldestTimestamp: Date? {
        events.lazy.map(\.timestamp).min().map { Date(timeIntervalSince1970: Double($0) / 1_000) }
    }

    public var itemCount: Int { events.count }

    public func encoded() -> Data {
        do {
            return SpoolFrame.wrap(try JSONEncoder().encode(self), magic: Self.magic, version: Self.version)
        } catch {
            // Strings and integers only: JSONEncoder has nothing it could refuse.
            preconditionFailure("log spool record encoding failed: \(error)")
        }
    }

    public static func decode(_ data: Data) throws(SpoolRecordDecodingError) -> LogSpoolRecord {
        let payload = try SpoolFrame.unwrap(data, magic: magic, version: version)
        do {
            return try JSONDecoder().decode(LogSpoolRecord.self, from: payload)
        } catch {
            throw .invalidPayload("\(error)")
        }
    }
}

extension LogSpoolRecord: Codable {}
