import DruidWatchConfig
import DruidWatchCore
import Testing

/// The evaluator's configuration file.
@Suite struct EvaluatorConfigLoaderTests {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try EvaluatorConfigLoader.parse(yaml: yaml, file: "evaluator.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    static let page = "arn:aws:sns:eu-west-1:123456789012:druid-page"

    @Test func anEmptyFileIsTheDefaults() throws {
        let config = try EvaluatorConfigLoader.parse(yaml: "", file: "evaluator.yaml")
        #expect(config == EvaluatorConfig())
        #expect(config.cluster == "prod-druid")
        #expect(config.namespace == "Druid")
        #expect(config.rules == "/etc/druidwatch/alarms")
        #expect(config.runbookBaseURL == "https://github.com/druidwatch/druidwatch/blob/main/alarms/runbooks/")
        #expect(config.stateDirectory == "/var/lib/druidwatch/evaluator")
        #expect(config.intervalSeconds == 60)
        #expect(config.readDelaySeconds == 60)
        #expect(config.discoveryIntervalSeconds == 900)
        #expect(config.accountID == nil)
        #expect(config.notifications.topics == [:])
        #expect(config.notifications.groupWaitSeconds == 30)
        #expect(config.notifications.groupIntervalSeconds == 300)
        #expect(config.notifications.repeatIntervalSeconds == 14_400)
        #expect(config.notifications.sendResolved)
        #expect(config.notifications.maximumPublishesPerSecond == 5)
        #expect(config.notifications.outboxMaximumCount == 10_000)
        #expect(config.variables == AlarmRuleVariables(cluster: "prod-druid", namespace: "Druid"))
    }

    @Test func everyKeyIsRead() throws {
        let config = try EvaluatorConfigLoader.parse(yaml: """
            cluster: staging-druid
            namespace: DruidStaging
            rules: /srv/alarms
            runbook_base_url: https://wiki.example.com/runbooks/
            state_directory: /srv/state
            interval: 30s
            read_delay: 2m
            discovery_interval: 1h
            account_id: "012345678901"
            aws: {region: eu-west-1}
            notifications:
              topics:
                page: [\(Self.page), "arn:aws:sns:eu-west-1:123456789012:druid-page-backup"]
                ticket: ["arn:aws-us-gov:sns:us-gov-west-1:123456789012:druid_ticket"]
              group_wait: 10s
              group_interval: 2m
              repeat_interval: 1h
              send_resolved: false
              max_publishes_per_second: 9.5
              outbox_max_count: 500
            logging: {level: debug}

            """, file: "evaluator.yaml")
        #expect(config.cluster == "staging-druid")
        #expect(config.namespace == "DruidStaging")
        #expect(config.rules == "/srv/alarms")
        #expect(config.runbookBaseURL == "https://wiki.example.com/runbooks/")
        #expect(config.stateDirectory == "/srv/state")
        #expect(config.intervalSeconds == 30)
        #expect(config.readDelaySeconds == 120)
        #expect(config.discoveryIntervalSeconds == 3600)
        #expect(config.accountID == "012345678901")
        #expect(config.aws.region == "eu-west-1")
        #expect(config.notifications.topics == [
            "page": [Self.page, "arn:aws:sns:eu-west-1:123456789012:druid-page-backup"],
            "ticket": ["arn:aws-us-gov:sns:us-gov-west-1:123456789012:druid_ticket"],
        ])
        #expect(config.notifications.groupWaitSeconds == 10)
        #expect(config.notifications.groupIntervalSeconds == 120)
        #expect(config.notifications.repeatIntervalSeconds == 3600)
        #expect(config.notifications.sendResolved == false)
        #expect(config.notifications.maximumPublishesPerSecond == 9.5)
        #expect(config.notifications.outboxMaximumCount == 500)
        #expect(config.logging.level == .debug)
        #expect(config.variables == AlarmRuleVariables(cluster: "staging-druid", namespace: "DruidStaging"))
    }

    @Test(arguments: [
        "arn:aws:sns:eu-west-1:123456789012:druid-page.fifo",
        "arn:aws:sqs:eu-west-1:123456789012:druid-page",
        "arn:aws:sns:eu-west-1:12345678901:druid-page",
        "druid-page",
        "arn:aws:sns:eu-west-1:123456789012:",
    ])
    func topicsMustBeSNSTopicARNs(arn: String) {
        #expect(problems("notifications:\n  topics:\n    page: [\"\(arn)\"]\n") == [
            "evaluator.yaml:3: notifications.topics.page: '\(arn)' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>); FIFO topics cannot deliver e-mail",
        ])
    }

    @Test func atMostFiveTopicsPerSeverity() {
        let six = (1...6).map { "arn:aws:sns:eu-west-1:123456789012:t\($0)" }.joined(separator: ", ")
        #expect(problems("notifications:\n  topics:\n    page: [\(six)]\n") == [
            "evaluator.yaml:3: notifications.topics.page: at most 5 actions per state (CloudWatch's limit)",
        ])
    }

    @Test(arguments: ["10", "10.5", "0", "-1"])
    func maxPublishesPerSecondMustBeBelowTen(value: String) {
        #expect(problems("notifications:\n  max_publishes_per_second: \(value)\n") == [
            "evaluator.yaml:2: notifications.max_publishes_per_second: must be above 0 and below 10: SNS deactivates e-mail subscriptions beyond 10 deliveries per second",
        ])
    }

    @Test func justBelowTenIsAccepted() throws {
        let config = try EvaluatorConfigLoader.parse(yaml: "notifications:\n  max_publishes_per_second: 9.99\n", file: "evaluator.yaml")
        #expect(config.notifications.maximumPublishesPerSecond == 9.99)
    }

    @Test func unknownKeysAreNamedWithASuggestion() {
        #expect(problems("clusters: x\nnotifications:\n  topic: {}\n") == [
            "evaluator.yaml:1: clusters: unknown key 'clusters' (did you mean 'cluster'?); allowed: cluster, namespace, rules, runbooks, runbook_base_url, "
                + "state_directory, interval, read_delay, discovery_interval, account_id, aws, notifications, logging, direct_feed, dashboards",
            "evaluator.yaml:3: notifications.topic: unknown key 'topic' (did you mean 'topics'?); allowed: topics, group_wait, group_interval, "
                + "repeat_interval, send_resolved, max_publishes_per_second, outbox_max_count",
        ])
    }

    @Test func valuesOutOfRange() {
        #expect(problems("""
            cluster: ""
            runbook_base_url: runbooks/
            interval: 5s
            discovery_interval: 30s
            account_id: "1234"
            notifications:
              group_interval: 0s
              repeat_interval: 30s
              outbox_max_count: 5

            """) == [
            "evaluator.yaml:1: cluster: must be 1 to 1024 characters (a CloudWatch dimension value)",
            "evaluator.yaml:2: runbook_base_url: must be an absolute URL (https://…/runbooks/ or file:///…/runbooks/)",
            "evaluator.yaml:3: interval: must be at least 10s",
            "evaluator.yaml:4: discovery_interval: must be at least 60s (ListMetrics is billed per request)",
            "evaluator.yaml:5: account_id: must be twelve digits",
            "evaluator.yaml:7: notifications.group_interval: must be at least 1s",
            "evaluator.yaml:8: notifications.repeat_interval: must be at least 60s",
            "evaluator.yaml:9: notifications.outbox_max_count: must be at least 10",
        ])
    }
}
