import DruidWatchTestSupport
import Foundation
import Testing

/// Every CloudFormation template under `packaging/cloudformation/` is clean under the
/// real cfn-lint: the ones there now, and any added later.
@Suite struct CloudFormationTemplateLintTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("packaging/cloudformation")
    static let templates: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()

    @Test func theKnownTemplatesAreThere() {
        for name in ["druidwatch-agent-iam.yaml", "druidwatch-evaluator-iam.yaml", "druidwatch-sns-topics.yaml", "druidwatch-launch-template.yaml"] {
            #expect(Self.templates.contains(name), "\(name)")
        }
    }

    @Test("cfn-lint has nothing to say", .enabled(if: CfnLint.path != nil, "cfn-lint is installed by make setup"), .timeLimit(.minutes(2)),
          arguments: templates)
    func lintsClean(_ template: String) async throws {
        let lint = try await CfnLint.run(Self.directory.appendingPathComponent(template).path)
        #expect(lint.exitCode == 0, "\(lint.output)")
        #expect(lint.output.isEmpty, "\(lint.output)")
    }
}
