import DruidWatchConfig
import Testing

@Suite struct DirectFeedConfigTests {
    @Test func theFeedIsOffByDefaultOnBothSides() throws {
        #expect(try AgentConfigLoader.parse(yaml: "cluster: prod\n", file: "agent.yaml").directFeed.enabled == false)
        #expect(try EvaluatorConfigLoader.parse(yaml: "cluster: prod\n", file: "evaluator.yaml").directFeed.enabled == false)
    }

    @Test func theAgentReadsTheEvaluatorsURLAndToken() throws {
        let config = try AgentConfigLoader.parse(yaml: """
        direct_feed:
          url: http://evaluator.internal:8788/
          token_file: /etc/druidwatch/feed.token
          timeout: 3s
        """, file: "agent.yaml")
        #expect(config.directFeed.url == "http://evaluator.internal:8788/")
        #expect(config.directFeed.tokenFile == "/etc/druidwatch/feed.token")
        #expect(config.directFeed.timeout == .seconds(3))
        #expect(throws: ConfigError.self) { try AgentConfigLoader.parse(yaml: "direct_feed:\n  url: evaluator:8788\n", file: "agent.yaml") }
    }

    @Test func theEvaluatorReadsItsListenAddressAndBounds() throws {
        let config = try EvaluatorConfigLoader.parse(yaml: """
        direct_feed:
          listen: 10.0.0.5:9000
          token_file: /run/feed.token
          max_body_bytes: 65536
          max_pending_batches: 50
        """, file: "evaluator.yaml")
        #expect(config.directFeed.enabled)
        #expect(config.directFeed.host == "10.0.0.5")
        #expect(config.directFeed.port == 9000)
        #expect(config.directFeed.tokenFile == "/run/feed.token")
        #expect(config.directFeed.maximumBodyBytes == 65536)
        #expect(config.directFeed.maximumPendingBatches == 50)
        #expect(throws: ConfigError.self) { try EvaluatorConfigLoader.parse(yaml: "direct_feed:\n  max_body_bytes: 5000000\n", file: "e.yaml") }
        #expect(throws: ConfigError.self) { try EvaluatorConfigLoader.parse(yaml: "direct_feed:\n  listen: nowhere\n", file: "e.yaml") }
    }
}
