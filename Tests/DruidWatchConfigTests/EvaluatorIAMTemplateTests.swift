import DruidWatchTestSupport
import Foundation
import Testing

/// `packaging/cloudformation/druidwatch-evaluator-iam.yaml` and `druidwatch-sns-topics.yaml`:
/// granting what the evaluator calls and no more (cfn-lint: CloudFormationTemplateLintTests).
@Suite struct EvaluatorIAMTemplateTests {
    static let iam = Fixtures.repositoryRoot.appendingPathComponent("packaging/cloudformation/druidwatch-evaluator-iam.yaml")
    static let topics = Fixtures.repositoryRoot.appendingPathComponent("packaging/cloudformation/druidwatch-sns-topics.yaml")

    @Test func grantsWhatTheEvaluatorCalls() throws {
        let text = try String(contentsOf: Self.iam, encoding: .utf8)
        #expect(text.contains("- cloudwatch:GetMetricData\n"))
        #expect(text.contains("- cloudwatch:ListMetrics\n"))
        #expect(text.contains("Action: sns:Publish\n            Resource: !Ref TopicArns"))
        // Nothing broader than the calls themselves, and nothing the evaluator does not call.
        #expect(!text.contains("cloudwatch:*") && !text.contains("sns:*") && !text.contains("Action: \"*\""))
        // PutMetricData only for its own heartbeat, held to the agents' namespace.
        #expect(text.contains("Action: cloudwatch:PutMetricData\n            Resource: \"*\"\n            Condition:\n              StringEquals:\n                cloudwatch:namespace: !Ref MetricNamespace"))
        #expect(!text.contains("cloudwatch:PutMetricAlarm"))
        // The dashboards it keeps current: only the cluster's, by ARN.
        #expect(text.contains("- cloudwatch:GetDashboard\n              - cloudwatch:PutDashboard\n            Resource: !Sub \"arn:${AWS::Partition}:cloudwatch::${AWS::AccountId}:dashboard/druid-${Cluster}-*\""))
    }

    @Test func topicsArePageAndTicketWithOptionalEmailAndKMS() throws {
        let text = try String(contentsOf: Self.topics, encoding: .utf8)
        for name in ["PageTopic:", "TicketTopic:", "PageEmail:", "TicketEmail:", "KmsMasterKeyId:", "PageTopicArn:", "TicketTopicArn:"] {
            #expect(text.contains("  \(name)"), "\(name)")
        }
        #expect(text.contains("Protocol: email"))
        #expect(!text.contains("FifoTopic: true"))
    }
}
