import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// CloudWatch Logs against moto on loopback: the group and stream made once, batches
/// cut to PutLogEvents' limits accepted whole and read back in order, and an event
/// over the size limit arriving cut and marked.
@Suite struct CloudWatchLogsMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    @Test func batchesAreSentAndReadBackInOrder() async throws {
        try await MotoServer.with { moto in
            let logs = CloudWatchLogsClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let group = "/druid/prod-druid/broker"
            try await logs.ensureStream(group: group, stream: "i-0abc", retentionDays: 30)
            // Again: both exist, nothing fails.
            try await logs.ensureStream(group: group, stream: "i-0abc", retentionDays: 30)

            let now = Int64(Date().timeIntervalSince1970 * 1000)
            var events = (0..<3_000).map { CloudWatchLogEvent(timestamp: now - 60_000 + Int64($0), message: "2026-12-05T12:00:00,\($0) INFO [qtp-\($0)] org.apache.druid.server.QueryResource - line \($0) " + String(repeating: "x", count: 300)) }
            events.append(CloudWatchLogEvent(timestamp: now, message: String(repeating: "stack ", count: 60_000)))
            let batches = LogEventBatcher.batches(events)
            #expect(batches.count == 2, "3,000 events of ~400 bytes are over 1 MiB with their overhead")
            for batch in batches {
                #expect(try await logs.putLogEvents(group: group, stream: "i-0abc", events: batch) == nil)
            }
            let stored = try await logs.getLogEvents(group: group, stream: "i-0abc")
            #expect(stored.count == events.count)
            #expect(stored.dropLast().map(\.message) == events.dropLast().map(\.message))
            #expect(stored.last?.message.hasSuffix("[truncated by druidwatch: 360000 bytes]") == true)
        }
    }

    @Test func rejectedEventsAreCountedFromTheirIndexes() {
        let rejected = CloudWatchLogsClient.Rejected(tooNewLogEventStartIndex: 8, tooOldLogEventEndIndex: 1, expiredLogEventEndIndex: 2)
        #expect(rejected.count(of: 10) == 3 + 2)
        #expect(rejected.countsByReason(of: 10) == ["expired": 3, "too_new": 2])
        #expect(CloudWatchLogsClient.Rejected().count(of: 10) == 0)
    }
}
