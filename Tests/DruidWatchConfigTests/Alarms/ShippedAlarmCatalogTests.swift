import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The repository's `alarms/`: every rule valid with its runbook, tested, and listed in
/// the generated README.
@Suite struct ShippedAlarmCatalogTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("alarms")

    private func loadRules() throws -> AlarmRuleSet {
        do {
            return try AlarmRuleSetLoader.load(directory: Self.directory)
        } catch {
            Issue.record("the shipped rules have problems:\n\(error)")
            throw error
        }
    }

    private func testFiles() throws -> [(path: String, file: AlarmRuleTestFileParser.TestFile)] {
        try AlarmRuleSetLoader.testFiles(in: Self.directory).map { url in
            (url.path, try AlarmRuleTestFileParser.load(path: url.path))
        }
    }

    @Test func theRulesLoadWithTheirRunbooksWithoutIssues() throws {
        let rules = try loadRules()
        #expect(rules.rules.count > 0)
        #expect(Set(rules.rules.map(\.severity)).isSubset(of: ["page", "ticket"]))
    }

    @Test func everyRuleIsExpectedInSomeRuleTest() throws {
        let rules = try loadRules()
        let files = try testFiles()
        #expect(!files.isEmpty)
        let expected = Set(files.flatMap { $0.file.tests.flatMap { $0.expectations.map(\.alarm) } })
        let untested = rules.rules.map(\.name).filter { !expected.contains($0) }
        #expect(untested == [], "rules with no expectation in alarms/tests/*.test.yaml")
    }

    /// Fire and recovery: some test of every rule expects ALARM, and OK at a later time
    /// in the same test.
    @Test func everyRuleIsTestedToFireAndToRecover() throws {
        let rules = try loadRules()
        var covered: Set<String> = []
        for test in try testFiles().flatMap(\.file.tests) {
            for alarm in Set(test.expectations.map(\.alarm)) {
                let expectations = test.expectations.filter { $0.alarm == alarm }
                guard let fired = expectations.filter({ $0.state == .alarm }).map(\.at).min() else { continue }
                if expectations.contains(where: { $0.state == .ok && $0.at > fired }) { covered.insert(alarm) }
            }
        }
        let uncovered = rules.rules.map(\.name).filter { !covered.contains($0) }
        #expect(uncovered == [], "rules with no test that sees them fire and then recover")
    }

    /// Every rule's threshold has its source: the comment right above the rule says
    /// `Basis:` (a published catalog, Druid's documentation, or the reasoning).
    @Test func everyRuleStatesTheBasisOfItsThreshold() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "yaml" }
        var rulesSeen = 0
        for file in files {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("- name: ") {
                rulesSeen += 1
                let comment = lines[..<index].reversed().prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
                #expect(comment.contains { $0.contains("Basis:") }, "\(file.lastPathComponent):\(index + 1): \(line) has no `# Basis:` comment")
            }
        }
        #expect(rulesSeen == (try loadRules()).rules.count)
    }

    @Test func everyRuleTestPasses() throws {
        for (path, file) in try testFiles() {
            #expect(!file.tests.isEmpty, "\(path) has no tests")
            let rules = try AlarmRuleSetLoader.load(files: file.ruleFiles, variables: file.variables, runbooks: nil)
            for test in file.tests {
                let failures = AlarmRuleTestRunner.run(test, rules: rules)
                #expect(failures == [], "\(test.location): \(test.name)")
            }
        }
    }

    @Test func theReadmeIsTheCurrentOverview() throws {
        let rules = try loadRules()
        let readme = Self.directory.appendingPathComponent("README.md")
        let current = try? String(contentsOf: readme, encoding: .utf8)
        #expect(current == AlarmCatalogOverview.render(rules), "alarms/README.md is stale: run `druidwatch alarms overview` and commit it")
    }
}
