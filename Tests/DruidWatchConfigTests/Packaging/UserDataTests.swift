import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing

/// packaging/aws/user-data.sh against a fake instance metadata service (IMDSv2 with
/// instance tags), without installing or starting anything: the agent configuration it
/// writes for each tier, and how it fails when the tags cannot be read.
@Suite struct UserDataTests {
    static let script = Fixtures.repositoryRoot.appendingPathComponent("packaging/aws/user-data.sh").path
    static let token = "user-data-test-token"

    /// IMDSv2: a token from PUT /latest/api/token, then tags only with that token.
    static func metadataService(tags: [String: String]) -> LocalHTTPServer.Handler {
        { request in
            if request.method == "PUT", request.path == "/latest/api/token" {
                guard request.header("X-aws-ec2-metadata-token-ttl-seconds") != nil else { return .status(400) }
                return LocalHTTPServer.Reply(text: token)
            }
            guard request.header("X-aws-ec2-metadata-token") == token else { return .status(401) }
            let prefix = "/latest/meta-data/tags/instance/"
            guard request.method == "GET", request.path.hasPrefix(prefix),
                  let value = tags[String(request.path.dropFirst(prefix.count))] else { return .status(404) }
            return LocalHTTPServer.Reply(text: value)
        }
    }

    /// Runs the script with the fake service and a temporary configuration directory.
    static func run(tags: [String: String], in directory: TemporaryDirectory) async throws -> ChildProcess.Outcome {
        let binary = try #require(DruidWatchExecutable.path)
        return try await LocalHTTPServer.with(handler: metadataService(tags: tags)) { server in
            var environment = ProcessInfo.processInfo.environment
            environment["DRUIDWATCH_IMDS_URL"] = server.baseURL
            environment["DRUIDWATCH_CONFIG_DIR"] = directory.path
            environment["DRUIDWATCH_BINARY"] = binary
            environment["DRUIDWATCH_SKIP_INSTALL"] = "1"
            environment["DRUIDWATCH_SKIP_START"] = "1"
            let outcome = try await ChildProcess.run("/bin/bash", [script], environment: environment)
            // Every tag read carried the session token (IMDSv1 is off on these instances).
            let tagReads = server.requests.filter { $0.path.contains("/tags/instance/") }
            #expect(!tagReads.isEmpty && tagReads.allSatisfy { $0.header("X-aws-ec2-metadata-token") == token })
            return outcome
        }
    }

    @Test("writes an agent configuration for the tier that check-config accepts",
          .enabled(if: DruidWatchExecutable.path != nil, "needs the built druidwatch"),
          arguments: ["master", "data", "query", "zookeeper"])
    func writesTheTiersConfiguration(tier: String) async throws {
        let directory = try TemporaryDirectory()
        // Quotes, a colon and a backslash: the name must reach YAML intact.
        let cluster = #"prod "eu": west\1"#
        let outcome = try await Self.run(tags: ["druid:cluster": cluster, "druid:tier": tier], in: directory)
        #expect(outcome.exitCode == 0, "\(outcome.output)")

        let written = directory.url.appendingPathComponent("agent.yaml").path
        let check = try await DruidWatchExecutable.run(["check-config", written])
        #expect(check.exitCode == 0, "\(check.output)")
        let config = try AgentConfigLoader.load(path: written)
        #expect(config.cluster == cluster)
        #expect(config.identity == AgentConfig.Identity())
        let zookeeperTier = tier == "zookeeper"
        #expect(config.sources.zookeeper.enabled == zookeeperTier)
        #expect(config.sources.druidEmitter.enabled == !zookeeperTier)
        #expect(config.sources.druidHealth.enabled == !zookeeperTier)
        #expect(config.sources.jvm.enabled)
        #expect(config.sources.jvm.includeNonDruid == zookeeperTier)
        // Druid's logs go to CloudWatch Logs, its alerts too where Druid runs.
        #expect(config.logs.enabled)
        #expect(config.logs.files.map(\.path) == ["/var/log/druid/*.log"])
        #expect(config.logs.alerts.enabled == !zookeeperTier)
        // Everything else is the defaults the examples document: the alarms and
        // dashboards expect the default namespace, naming and dimensions.
        #expect(config.namespace == AgentConfig().namespace)
        #expect(config.naming == AgentConfig().naming)
        #expect(config.dimensions.isEmpty)
    }

    @Test("fails, naming instance metadata tags, when a tag cannot be read",
          .enabled(if: DruidWatchExecutable.path != nil, "needs the built druidwatch"))
    func failsWithoutTheTierTag() async throws {
        let directory = try TemporaryDirectory()
        let outcome = try await Self.run(tags: ["druid:cluster": "prod-druid"], in: directory)
        #expect(outcome.exitCode != 0)
        #expect(outcome.output.contains("druid:tier") && outcome.output.contains("instance metadata tags"), "\(outcome.output)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("agent.yaml").path))
    }

    @Test("refuses a tier it does not know", .enabled(if: DruidWatchExecutable.path != nil, "needs the built druidwatch"))
    func refusesAnUnknownTier() async throws {
        let directory = try TemporaryDirectory()
        let outcome = try await Self.run(tags: ["druid:cluster": "prod-druid", "druid:tier": "historicals"], in: directory)
        #expect(outcome.exitCode != 0)
        #expect(outcome.output.contains("expected master, data, query or zookeeper"), "\(outcome.output)")
    }
}

/// packaging/cloudformation/druidwatch-launch-template.yaml (cfn-lint: CloudFormationTemplateLintTests), with
/// the metadata options the user data and the agent depend on.
@Suite struct LaunchTemplateTests {
    static let template = Fixtures.repositoryRoot.appendingPathComponent("packaging/cloudformation/druidwatch-launch-template.yaml")

    @Test func requiresIMDSv2WithInstanceTagsAndTagsTheInstances() throws {
        let text = try String(contentsOf: Self.template, encoding: .utf8)
        #expect(text.contains("HttpTokens: required"))
        #expect(text.contains("InstanceMetadataTags: enabled"))
        // The tags the user data reads, by the names it reads them.
        let userData = try String(contentsOfFile: UserDataTests.script, encoding: .utf8)
        for key in ["druid:cluster", "druid:tier"] {
            #expect(text.contains("Key: \(key)"))
            #expect(userData.contains(":-\(key)}"))
        }
        #expect(text.contains("Arn: !Ref AgentInstanceProfileArn"))
    }
}
