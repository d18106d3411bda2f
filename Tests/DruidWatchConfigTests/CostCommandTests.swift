import DruidWatchTestSupport
import Foundation
import Testing

/// Runs the built `druidwatch cost`, and `check-config` on settings that multiply the bill.
@Suite("druidwatch cost")
struct CostCommandTests {
    static let binary = CheckConfigCommandTests.binary
    static let example = Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/agent.yaml").path

    @Test("The example configuration on a fleet: a row per tier, the total and the top contributors",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func table() async throws {
        let outcome = try await CheckConfigCommandTests.run(["cost", "--config", Self.example, "--nodes", "master=3,data=10,query=2,zookeeper=3"])
        #expect(outcome.exitCode == 0)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "CloudWatch cost estimate for master=3 data=10 query=2 zookeeper=3")
        for tier in ["master         3", "data          10", "query          2", "zookeeper      3", "total         18"] {
            #expect(lines.contains { $0.hasPrefix(tier) }, "\(tier)")
        }
        #expect(outcome.output.contains("top metrics (distinct metrics each):"))
        #expect(outcome.output.contains("top dimensions (metrics that would go if each were left out):"))
    }

    @Test("--json: the same estimate for machines; --data-sources replaces the assumption",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func json() async throws {
        struct Estimate: Decodable {
            struct Tier: Decodable { var tier: String; var hosts: Int; var distinctMetrics: Int }
            var tiers: [Tier]
            var distinctMetrics: Int
            var totalUSDPerMonth: Double
        }
        func estimate(_ extra: [String]) async throws -> Estimate {
            let outcome = try await CheckConfigCommandTests.run(["cost", "--config", Self.example, "--json", "--nodes", "data=4"] + extra)
            #expect(outcome.exitCode == 0)
            return try JSONDecoder().decode(Estimate.self, from: Data(outcome.output.utf8))
        }
        let few = try await estimate([])
        #expect(few.tiers.map(\.tier) == ["master", "data", "query"])
        #expect(few.tiers.map(\.hosts) == [1, 4, 1])
        #expect(few.distinctMetrics == few.tiers.reduce(0) { $0 + $1.distinctMetrics })
        let many = try await estimate(["--data-sources", "100"])
        #expect(many.distinctMetrics > few.distinctMetrics)
        #expect(many.totalUSDPerMonth > few.totalUSDPerMonth)
    }

    @Test("Bad flags and a bad file are refused with a clear message", arguments: [
        (["--nodes", "data=ten"], "--nodes: 'data=ten': the number of instances must be a whole number from 0 to 100000"),
        (["--nodes", "brokers=2"], "--nodes: 'brokers=2' is not TIER=N; tiers: master, data, query, zookeeper"),
        (["--nodes", "data=2,data=3"], "--nodes: data is given twice"),
        (["--data-sources", "0"], "--data-sources must be a whole number from 1 to 10000000"),
    ])
    func badFlags(_ flags: [String], message: String) async throws {
        try #require(Self.binary != nil)
        let outcome = try await CheckConfigCommandTests.run(["cost", "--config", Self.example] + flags)
        #expect(outcome.exitCode == 64)
        #expect(outcome.output.contains("Error: " + message))
    }

    @Test(.enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func badConfiguration() async throws {
        let file = try TemporaryFile(text: "cost:\n  nodes: {data: many}\n")
        defer { file.remove() }
        let outcome = try await CheckConfigCommandTests.run(["cost", "--config", file.path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.output == "\(file.path):2: cost.nodes.data: must be a whole number from 0 to 10000000\n")
    }

    @Test("check-config: bill warnings on stderr, the OK line still printed, exit status 0",
          .enabled(if: binary != nil, "druidwatch not built next to the tests"), .timeLimit(.minutes(1)))
    func checkConfigWarnings() async throws {
        let file = try TemporaryFile(text: """
            sources:
              druid_emitter:
                extra_dimensions:
                  "query/time": [queryId]
                allow_high_cardinality: [queryId]
            """)
        defer { file.remove() }
        let outcome = try await CheckConfigCommandTests.run(["check-config", file.path])
        #expect(outcome.exitCode == 0)
        #expect(outcome.output.contains("\(file.path):4: sources.druid_emitter.extra_dimensions.query/time[0]: warning: keeps 'queryId' on query/time"))
        #expect(outcome.output.contains("\(file.path):1: (estimate): warning: estimated $"))
        #expect(outcome.output.contains("\(file.path): OK (namespace Druid"))
    }
}
