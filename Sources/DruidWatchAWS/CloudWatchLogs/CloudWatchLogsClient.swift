import DruidWatchCore
import Foundation

/// The CloudWatch Logs calls druidwatch makes, over the JSON protocol
/// (`X-Amz-Target: Logs_20140328.<Operation>`): making a group (with its retention) and
/// a stream when missing, sending batches of events, and reading them back.
public struct CloudWatchLogsClient: AWSJSONService {
    public static let signingName = "logs"
    public static let targetPrefix = "Logs_20140328"

    public var json: AWSJSONClient

    public init(json: AWSJSONClient) {
        self.json = json
    }

    /// Makes the group (setting its retention when it makes it: an existing group's
    /// retention is the operator's) and the stream, each unless it exists.
    public func ensureStream(group: String, stream: String, retentionDays: Int?) async throws(AWSCallError) {
        if try await createUnlessExists("CreateLogGroup", GroupInput(logGroupName: group)), let retentionDays {
            try await json.send("PutRetentionPolicy", RetentionInput(logGroupName: group, retentionInDays: retentionDays))
        }
        _ = try await createUnlessExists("CreateLogStream", StreamInput(logGroupName: group, logStreamName: stream))
    }

    /// What CloudWatch Logs set aside of a batch: indexes into the events sent.
    public struct Rejected: Sendable, Equatable, Decodable {
        /// Events from this index on were too far in the future.
        public var tooNewLogEventStartIndex: Int?
        /// Events up to this index were older than 14 days.
        public var tooOldLogEventEndIndex: Int?
        /// Events up to this index were older than the group's retention.
        public var expiredLogEventEndIndex: Int?

        public init(tooNewLogEventStartIndex: Int? = nil, tooOldLogEventEndIndex: Int? = nil, expiredLogEventEndIndex: Int? = nil) {
            self.tooNewLogEventStartIndex = tooNewLogEventStartIndex
            self.tooOldLogEventEndIndex = tooOldLogEventEndIndex
            self.expiredLogEventEndIndex = expiredLogEventEndIndex
        }

        /// How many of `total` events were set aside.
        public func count(of total: Int) -> Int {
            countsByReason(of: total).values.reduce(0, +)
        }

        /// The events set aside of `total`, by reason (`expired`, `too_old`, `too_new`),
        /// each counted once: an expired event is older than 14 days too.
        public func countsByReason(of total: Int) -> [String: Int] {
            let expired = min(total, expiredLogEventEndIndex.map { $0 + 1 } ?? 0)
            let old = min(total, max(expired, tooOldLogEventEndIndex.map { $0 + 1 } ?? 0))
            let new = tooNewLogEventStartIndex.map { max(0, total - max($0, old)) } ?? 0
            return ["expired": expired, "too_old": old - expired, "too_new": new].filter { $0.value > 0 }
        }
    }

    /// Sends one batch (``LogEventBatcher`` makes them); nil when every event was taken.
    public func putLogEvents(group: String, stream: String, events: [CloudWatchLogEvent]) async throws(AWSCallError) -> Rejected? {
        let output = try await json.call("PutLogEvents", PutInput(logGroupName: group, logStreamName: stream, logEvents: events), as: PutOutput.self)
        return output.rejectedLogEventsInfo
    }

    /// Up to `limit` events of a stream from its start, page by page (tests and the demo
    /// read back).
    public func getLogEvents(group: String, stream: String, limit: Int = 100_000) async throws(AWSCallError) -> [CloudWatchLogEvent] {
        var events: [CloudWatchLogEvent] = []
        var token: String?
        // A page holds at most 10,000 events; the same token twice means the end.
        for _ in 0..<(limit / 10_000 + 2) where events.count < limit {
            let input = GetInput(logGroupName: group, logStreamName: stream, startFromHead: true, limit: min(10_000, limit - events.count), nextToken: token)
            let output = try await json.call("GetLogEvents", input, as: GetOutput.self)
            events += output.events.map { CloudWatchLogEvent(timestamp: $0.timestamp, message: $0.message) }
            if output.events.isEmpty || output.nextForwardToken == nil || output.nextForwardToken == token { break }
            token = output.nextForwardToken
        }
        return events
    }

    /// True when it made the resource, false when it was there already.
    private func createUnlessExists<Input: Encodable>(_ operation: String, _ input: Input) async throws(AWSCallError) -> Bool {
        do {
            try await json.send(operation, input)
            return true
        } catch let .service(error) where error.code == "ResourceAlreadyExistsException" {
            return false
        }
    }

    private struct GroupInput: Encodable { var logGroupName: String }
    private struct RetentionInput: Encodable { var logGroupName: String; var retentionInDays: Int }
    private struct StreamInput: Encodable { var logGroupName: String; var logStreamName: String }
    private struct PutInput: Encodable { var logGroupName: String; var logStreamName: String; var logEvents: [CloudWatchLogEvent] }
    private struct PutOutput: Decodable { var rejectedLogEventsInfo: Rejected? }
    private struct GetInput: Encodable { var logGroupName: String; var logStreamName: String; var startFromHead: Bool; var limit: Int; var nextToken: String? }
    private struct GetOutput: Decodable {
        var events: [Event]
        var nextForwardToken: String?
        struct Event: Decodable { var timestamp: Int64; var message: String }
    }
}
