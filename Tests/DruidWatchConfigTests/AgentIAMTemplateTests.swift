import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing

/// `packaging/cloudformation/druidwatch-agent-iam.yaml` (cfn-lint:
/// CloudFormationTemplateLintTests), granting what the agent calls, for the namespace it publishes into.
@Suite struct AgentIAMTemplateTests {
    static let template = Fixtures.repositoryRoot.appendingPathComponent("packaging/cloudformation/druidwatch-agent-iam.yaml")
    @Test func grantsWhatTheAgentCallsForItsDefaultNamespace() throws {
        let text = try String(contentsOf: Self.template, encoding: .utf8)
        #expect(text.contains("Action: cloudwatch:PutMetricData"))
        #expect(text.contains("cloudwatch:namespace: !Ref Namespace"))
        #expect(text.contains("Action: secretsmanager:GetSecretValue"))
        for action in ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:CreateLogStream", "logs:PutLogEvents"] {
            #expect(text.contains("- \(action)\n"), "\(action)")
        }
        #expect(text.contains("log-group:${LogGroupPrefix}*:log-stream:*"))
        #expect(!text.contains("logs:*"))
        // Nothing broader than the calls themselves.
        #expect(!text.contains("cloudwatch:*") && !text.contains("secretsmanager:*") && !text.contains("Action: \"*\""))
        let namespaceDefault = text.components(separatedBy: "  Namespace:\n").dropFirst().first?
            .split(separator: "\n").first { $0.contains("Default:") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
        #expect(namespaceDefault == AgentConfig().namespace)
        // The default groups are under the default prefix.
        #expect(LogsConfig().group.hasPrefix("/druid/") && LogsConfig().alerts.group.hasPrefix("/druid/"))
        #expect(text.contains("Default: /druid/"))
    }
}
