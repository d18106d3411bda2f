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
