import DruidWatchConfig
import DruidWatchCore
import Foundation
import Testing

/// The rule files of a directory together: names, composites, runbooks.
@Suite struct AlarmRuleSetLoaderTests {
    /// A rules directory in a fresh temporary directory, removed by `remove()`.
    struct RulesDirectory {
        let url: URL

        init(files: [String: String], runbooks: [String: String] = [:]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-alarms-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
            for (name, text) in files { try write(name, text) }
            for (name, text) in runbooks { try write("runbooks/\(name)", text) }
        }

        func write(_ name: String, _ text: String) throws {
            let file = url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }

        func path(_ name: String) -> String { url.appendingPathComponent(name).path }

        func remove() { try? FileManager.default.removeItem(at: url) }
    }

    static let fullRunbook = """
        # X

        ## Meaning
        m
        ## Impact
        i
        ## Diagnosis
        d
        ## Mitigation
        m
        ## Escalation
        e

        """

    static func metricRule(_ name: String, runbook: String? = nil) -> String {
        """
          - name: \(name)
            severity: page
            metric: {name: query/failed/count, statistic: Sum}
            period: 5m
            evaluation_periods: 1
            comparison: ">"
            threshold: 5
        \(runbook.map { "    runbook: \($0)\n" } ?? "")
        """
    }

    static func compositeRule(_ name: String, _ rule: String, suppressor: String? = nil) -> String {
        """
          - name: \(name)
            severity: page
            composite: \(rule)
        \(suppressor.map { "    actions_suppressor: {alarm: \($0), wait_period: 60s, extension_period: 60s}\n" } ?? "")
        """
    }

    private func issues(_ directory: RulesDirectory, checkRunbooks: Bool = false) -> [ConfigIssue] {
        do {
            _ = try AlarmRuleSetLoader.load(directory: directory.url, checkRunbooks: checkRunbooks)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func aValidSetLoadsSortedByNameWithItsRunbooks() throws {
        let directory = try RulesDirectory(
            files: [
                "query.yaml": "rules:\n" + Self.metricRule("QueryFailures") + Self.metricRule("Alpha", runbook: "Shared.md"),
                "cluster.yaml": "rules:\n" + Self.compositeRule("Degraded", "ALARM(QueryFailures) OR ALARM(Alpha)"),
                "tests/query.test.yaml": "not: [a rule file",
            ],
            runbooks: ["QueryFailures.md": Self.fullRunbook, "Shared.md": Self.fullRunbook, "Degraded.md": Self.fullRunbook, "notes.yaml": "x: ["]
        )
        defer { directory.remove() }
        let set = try AlarmRuleSetLoader.load(directory: directory.url)
        #expect(set.rules.map(\.name) == ["Alpha", "Degraded", "QueryFailures"])
        #expect(set.rules.map(\.group) == ["query", "cluster", "query"])
        #expect(set.byName["Alpha"]?.runbook == "Shared.md")
        #expect(set.metricRules.map(\.definition.name) == ["Alpha", "QueryFailures"])
        #expect(set.composites.evaluationOrder == ["Degraded"])
    }

    @Test func ruleAndTestFilesAreFoundApart() throws {
        let directory = try RulesDirectory(
            files: ["b.yaml": "", "a.yml": "", "tests/a.test.yaml": "", "notes.md": ""],
            runbooks: ["ignored.yaml": ""]
        )
        defer { directory.remove() }
        #expect(AlarmRuleSetLoader.ruleFiles(in: directory.url).map(\.lastPathComponent) == ["a.yml", "b.yaml"])
        #expect(AlarmRuleSetLoader.testFiles(in: directory.url).map(\.lastPathComponent) == ["a.test.yaml"])
    }

    @Test func aDirectoryWithoutRuleFiles() throws {
        let directory = try RulesDirectory(files: [:])
        defer { directory.remove() }
        #expect(issues(directory).map(\.description) == ["\(directory.url.path): (directory): no rule files (*.yaml) found"])
    }

    @Test func duplicateNamesAcrossFiles() throws {
        let directory = try RulesDirectory(files: [
            "a.yaml": "rules:\n" + Self.metricRule("QueryFailures"),
            "b.yaml": "# comment\nrules:\n" + Self.metricRule("Other") + Self.metricRule("QueryFailures"),
        ])
        defer { directory.remove() }
        #expect(issues(directory).map(\.description) == [
            "\(directory.path("b.yaml")):10: QueryFailures.name: 'QueryFailures' is already the name of the rule at \(directory.path("a.yaml")):2; alarm names are unique",
        ])
    }

    @Test func aCompositeNamingAnUnknownRule() throws {
        let directory = try RulesDirectory(files: [
            "a.yaml": "rules:\n" + Self.metricRule("QueryFailures") + Self.compositeRule("Degraded", "ALARM(QueryFailures) OR ALARM(Nope)"),
        ])
        defer { directory.remove() }
        #expect(issues(directory).map(\.description) == [
            "\(directory.path("a.yaml")):9: Degraded.composite: names 'Nope', which no rule defines",
        ])
    }

    @Test func aCycleAmongComposites() throws {
        let directory = try RulesDirectory(files: [
            "a.yaml": "rules:\n" + Self.compositeRule("First", "ALARM(Second)") + Self.compositeRule("Second", "ALARM(Third) OR FALSE")
                + Self.compositeRule("Third", "NOT OK(First)"),
        ])
        defer { directory.remove() }
        let found = issues(directory)
        #expect(found.count == 1)
        #expect(found.first?.field == "First.composite")
        #expect(found.first?.line == 2)
        #expect(found.first?.message == "composite alarm rules refer to each other in a cycle: First -> Second -> Third -> First; "
            + "CloudWatch stops evaluating them, so break the cycle (for example by setting one rule to FALSE)")
    }

    @Test func anUnknownSuppressor() throws {
        let directory = try RulesDirectory(files: [
            "a.yaml": "rules:\n" + Self.metricRule("QueryFailures") + Self.compositeRule("Degraded", "ALARM(QueryFailures)", suppressor: "Maintenance"),
        ])
        defer { directory.remove() }
        #expect(issues(directory).map(\.description) == [
            "\(directory.path("a.yaml")):9: Degraded.actions_suppressor.alarm: names 'Maintenance', which no rule defines",
        ])
    }

    @Test func aMissingRunbook() throws {
        let directory = try RulesDirectory(files: ["a.yaml": "rules:\n" + Self.metricRule("QueryFailures")])
        defer { directory.remove() }
        let runbook = directory.path("runbooks/QueryFailures.md")
        #expect(issues(directory, checkRunbooks: true).map(\.description) == [
            "\(directory.path("a.yaml")):2: QueryFailures.runbook: no runbook at \(runbook): every rule needs one (Meaning, Impact, Diagnosis, Mitigation, Escalation)",
        ])
        // Without the runbook check the set loads.
        #expect(issues(directory, checkRunbooks: false).isEmpty)
    }

    @Test func aRunbookLackingSections() throws {
        let partial = "# QueryFailures\n\n## Meaning\nm\n## Impact\ni\n### Diagnosis\nd\n## Mitigation\nm\n"
        let directory = try RulesDirectory(files: ["a.yaml": "rules:\n" + Self.metricRule("QueryFailures")], runbooks: ["QueryFailures.md": partial])
        defer { directory.remove() }
        let runbook = directory.path("runbooks/QueryFailures.md")
        #expect(issues(directory, checkRunbooks: true).map(\.description) == [
            "\(directory.path("a.yaml")):2: QueryFailures.runbook: \(runbook) lacks the section(s) ## Diagnosis, ## Escalation",
        ])
    }

    @Test func problemsOfEveryFileAreReportedTogether() throws {
        let directory = try RulesDirectory(files: [
            "a.yaml": "rules:\n" + Self.metricRule("A").replacingOccurrences(of: "5m", with: "45s"),
            "b.yaml": "rules: [",
        ])
        defer { directory.remove() }
        let found = issues(directory)
        #expect(Set(found.map(\.file)) == [directory.path("a.yaml"), directory.path("b.yaml")])
        #expect(found.contains { $0.field == "(syntax)" && $0.file == directory.path("b.yaml") })
        #expect(found.contains { $0.field == "rules[0].period" && $0.file == directory.path("a.yaml") })
    }
}
