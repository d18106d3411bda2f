import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// `packaging/examples/evaluator.yaml`: every key the loader knows, each with its default.
@Suite struct EvaluatorExampleConfigTests {
    static let path = Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/evaluator.yaml").path

    @Test("packaging/examples/evaluator.yaml loads without issues and holds the defaults")
    func loadsAsTheDefaults() throws {
        #expect(try EvaluatorConfigLoader.load(path: Self.path) == EvaluatorConfig())
    }

    @Test("Every key is in the example, set or commented out")
    func everyKeyIsDocumented() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let keys = [
            "cluster", "namespace", "rules", "runbooks", "runbook_base_url", "state_directory", "interval", "read_delay",
            "discovery_interval", "account_id", "aws", "region", "profile", "endpoint_url", "imds", "imds_endpoint",
            "connect_timeout", "request_timeout", "notifications", "topics", "page", "ticket", "group_wait", "group_interval",
            "repeat_interval", "send_resolved", "max_publishes_per_second", "outbox_max_count", "logging", "level",
        ]
        let lines = text.split(separator: "\n").map { $0.drop { $0 == " " || $0 == "#" } }
        for key in keys {
            #expect(lines.contains { $0.hasPrefix("\(key):") }, "\(key)")
        }
    }

    @Test("The commented-out examples load too, once uncommented")
    func uncommentedExamplesLoad() throws {
        // Lines such as "  # region: us-east-1" and "  #   page: [arn:...]" become settings.
        var lines: [String] = []
        for line in try String(contentsOfFile: Self.path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }
            let rest = line.dropFirst(indent.count)
            guard rest.hasPrefix("# ") else { lines.append(String(line)); continue }
            let body = rest.dropFirst(2)
            let extra = body.prefix { $0 == " " }
            let setting = body.dropFirst(extra.count)
            if let colon = setting.firstIndex(of: ":"), setting[..<colon].allSatisfy({ $0.isLowercase || $0 == "_" }),
               setting[setting.index(after: colon)...].hasPrefix(" ") {
                lines.append(String(indent) + String(extra) + String(setting))
            }
        }
        let yaml = lines.joined(separator: "\n").replacingOccurrences(of: "topics: {}", with: "topics:")
        let config = try EvaluatorConfigLoader.parse(yaml: yaml, file: "evaluator.yaml")
        #expect(config.accountID == "123456789012")
        #expect(config.aws.region == "us-east-1")
        #expect(config.aws.profile == "druidwatch")
        #expect(config.aws.endpointURL == "http://127.0.0.1:5000")
        #expect(config.runbooks == "/etc/druidwatch/alarms/runbooks")
        #expect(config.notifications.topics == [
            "page": ["arn:aws:sns:us-east-1:123456789012:druid-page"], "ticket": ["arn:aws:sns:us-east-1:123456789012:druid-ticket"],
        ])
    }
}

@Suite struct EvaluatorDashboardsConfigTests {
    @Test func dashboardsArePublishedUnderTheAgentsNaming() throws {
        let config = try EvaluatorConfigLoader.parse(yaml: "cluster: c1\ndashboards:\n  publish: false\n  naming: aws_solution\n", file: "evaluator.yaml")
        #expect(config.dashboards.publish == false)
        #expect(config.dashboards.naming == .awsSolution)
        #expect(config.dashboardParameters(region: "eu-west-1", rules: AlarmRuleSet([])).clusterDimension == "Druid.Cluster")
        #expect(try EvaluatorConfigLoader.parse(yaml: "cluster: c1\n", file: "evaluator.yaml").dashboards.publish == true)
        #expect(throws: (any Error).self) { try EvaluatorConfigLoader.parse(yaml: "dashboards:\n  publsh: true\n", file: "evaluator.yaml") }
    }
}
