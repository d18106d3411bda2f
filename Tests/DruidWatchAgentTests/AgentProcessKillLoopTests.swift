import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGKILL in a loop, each time around the end of a period, so that it lands while the
/// agent spools or sends: a batch that reached the spool is published after a restart,
/// and at most once more per kill (a kill between CloudWatch's answer and the removal
/// of the file is the one way to repeat it: PutMetricData has no idempotency key).
@Suite(.timeLimit(.minutes(4)))
struct AgentProcessKillLoopTests {
    static let rounds = 4

    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func killsDuringDeliveryLoseNothingSpooled() async throws {
        let workspace = try Workspace()
        try await MotoServer.with { moto in
            let config = try workspace.config(endpoint: moto.endpoint)
            let firstPost = Date()
            var generator = SystemRandomNumberGenerator()
            var logs = ""
            for _ in 0..<Self.rounds {
                let agent = try AgentProcessDuringOutageTests.start(config: config)
                let posted = Date()
                #expect(await workspace.post(AgentProcessDuringOutageTests.batch(at: posted)), "the agent never took the batch")
                // This round's period, not an earlier round's batch still in the spool.
                let period = (posted.timeIntervalSince1970 / 5).rounded(.down) * 5
                // The period ends and, at the host's next tick (up to an interval later), the
                // agent spools and sends: kill just after the spool file shows, while it sends.
                let deadline = Date().addingTimeInterval(12)
                while Date() < deadline, !AgentProcessDuringOutageTests.spooledDatums(in: workspace.spool).contains(where: { $0.metricName == "query/time" && $0.timestamp.timeIntervalSince1970 >= period }) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...150, using: &generator)))
                logs += await agent.kill(SIGKILL)
            }
            let last = try AgentProcessDuringOutageTests.start(config: config)
            let drained = await AgentProcessDuringOutageTests.eventually(within: 60) {
                AgentProcessDuringOutageTests.spooledDatums(in: workspace.spool).isEmpty
            }
            logs += await last.kill(SIGTERM)
            #expect(drained, "the spool was never drained:\n\(logs)")

            let client = CloudWatchClient(
                http: workspace.http, credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test")),
                region: "us-east-1", endpointOverride: moto.endpoint
            )
            let series = try #require(try await client.listMetrics(namespace: "KillTest", metricName: "query/time")
                .first { $0.dimensions.contains(MetricDimension("dataSource", "killtest")) })
            let points = try await client.getMetricData(
                queries: [MetricDataQuery(id: "n", source: .metric(series, periodSeconds: 5, stat: "SampleCount", unit: nil))],
                start: firstPost.addingTimeInterval(-60), end: Date().addingTimeInterval(60)
            ).flatMap(\.points)
            let received = Double(Self.rounds * AgentProcessDuringOutageTests.events)
            let published = points.reduce(0) { $0 + $1.value }
            // Each round's batch was in the spool (or sent) before the kill: none may be missing.
            #expect(published >= received, "published \(published) of \(received):\n\(logs)")
            #expect(published <= received + Double(Self.rounds * AgentProcessDuringOutageTests.events), "more repeats than kills")
        }
    }
}
