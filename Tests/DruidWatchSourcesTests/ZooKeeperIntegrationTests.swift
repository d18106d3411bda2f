import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing

/// The source against real ZooKeeper servers from Debian's `zookeeper` package, each
/// started by the test on free loopback ports and stopped by it.
@Suite(
    .serialized,
    .enabled(
        if: ZooKeeperTestServer.isInstalled,
        "needs ZooKeeper: apt-get install zookeeper (make system-packages installs it)"
    )
)
struct ZooKeeperIntegrationTests {
    private func values(_ samples: [Sample]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: samples.map { ($0.name, $0.value) })
    }

    @Test func adminServerThenMntrThenTheServerStopped() async throws {
        let http = CurlHTTPClient()
        let closed = try ClosedPort()
        let server = try await ZooKeeperTestServer.start()
        do {
            // The AdminServer alone: the client port given to mntr is a closed one.
            let viaAdmin = ZooKeeperSource(options: .init(clientPort: closed.port, adminURL: server.adminURL), httpClient: http)
            let adminReading = await viaAdmin.read()
            guard case let .adminServer(adminStats) = adminReading else {
                Issue.record("expected a reading through the AdminServer, got \(adminReading); server log: \(server.recentLog)")
                try await server.stop()
                return
            }
            #expect(adminStats.serverState == .standalone)
            #expect((adminStats.znodeCount ?? 0) > 0)
            #expect(adminStats.skippedEntries == 0, "\(adminStats.skipNotes)")
            let adminSamples = values(try await viaAdmin.collect(at: Date()))
            #expect(adminSamples["zookeeper/serving"] == 1)
            #expect(adminSamples["zookeeper/is_leader"] == 0)
            #expect((adminSamples["zookeeper/znode_count"] ?? 0) > 0)
            #expect(adminSamples["zookeeper/approximate_data_size"] != nil)
            #expect(adminSamples["zookeeper/open_file_descriptors"] != nil)

            // mntr alone: the AdminServer URL points at a closed port.
            let viaMntr = ZooKeeperSource(
                options: .init(clientPort: server.clientPort, adminURL: "http://127.0.0.1:\(closed.port)/commands/monitor"),
                httpClient: http
            )
            let mntrReading = await viaMntr.read()
            guard case let .mntr(mntrStats, adminProblem) = mntrReading else {
                Issue.record("expected a reading through mntr, got \(mntrReading)")
                try await server.stop()
                return
            }
            #expect(adminProblem?.contains("could not connect") == true)
            #expect(mntrStats.serverState == .standalone)
            #expect(mntrStats.znodeCount == adminStats.znodeCount)
            #expect(mntrStats.version == adminStats.version)
            #expect(mntrStats.skippedEntries == 0, "\(mntrStats.skipNotes)")

            let first = values(try await viaMntr.collect(at: Date()))
            #expect(first["zookeeper/serving"] == 1)
            #expect(first["zookeeper/packets_received"] == nil)
            // Each mntr is a packet received by the server: the second reading has an amount.
            let second = values(try await viaMntr.collect(at: Date()))
            #expect((second["zookeeper/packets_received"] ?? 0) >= 1)

            try await server.stop()
            #expect(values(try await viaAdmin.collect(at: Date())) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
            #expect(values(try await viaMntr.collect(at: Date())) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
        } catch {
            try? await server.stop()
            throw error
        }
    }

    @Test func memberWithoutItsQuorumIsNotServing() async throws {
        try await ZooKeeperTestServer.with(withoutQuorum: true) { server in
            let source = ZooKeeperSource(options: .init(clientPort: server.clientPort, adminURL: server.adminURL), httpClient: CurlHTTPClient())
            // 3.8.0's AdminServer fails with HTTP 500 here; mntr then says why.
            let reading = await source.read()
            #expect(reading == .notServing(ZooKeeperParseError.notServingMessage), "server log: \(server.recentLog)")
            let samples = try await source.collect(at: Date())
            #expect(values(samples) == ["zookeeper/serving": 0, "zookeeper/is_leader": 0])
        }
    }

    @Test func mntrOutsideTheWhitelistLeavesOnlyTheAdminServer() async throws {
        try await ZooKeeperTestServer.with(fourLetterWords: "ruok") { server in
            let http = CurlHTTPClient()
            let mntrOnly = ZooKeeperSource(options: .init(clientPort: server.clientPort, adminURL: nil), httpClient: http)
            #expect(await mntrOnly.read() == .unavailable(
                "mntr on 127.0.0.1:\(server.clientPort): the command was refused: mntr is not executed because it is not in the whitelist."
            ))
            let both = ZooKeeperSource(options: .init(clientPort: server.clientPort, adminURL: server.adminURL), httpClient: http)
            #expect(await both.read().stats?.serverState == .standalone)
        }
    }
}
