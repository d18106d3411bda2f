import DruidWatchCore
import Foundation

/// Loads every rule file of a directory into one rule set and checks the rules against
/// each other and against their runbooks: unique names, composite children that exist,
/// no cycles among composites, and a runbook with every section for every rule.
public enum AlarmRuleSetLoader {
    /// The sections every runbook must have, in this order.
    public static let runbookSections = ["Meaning", "Impact", "Diagnosis", "Mitigation", "Escalation"]

    /// Rule files: `*.yaml` anywhere under `directory`, except rule tests (`*.test.yaml`)
    /// and the runbooks directory; sorted, so every run reads them in the same order.
    public static func ruleFiles(in directory: URL) -> [URL] {
        yamlFiles(in: directory).filter { !$0.lastPathComponent.hasSuffix(".test.yaml") }
    }

    /// Rule test files: `*.test.yaml` under `directory`.
    public static func testFiles(in directory: URL) -> [URL] {
        yamlFiles(in: directory).filter { $0.lastPathComponent.hasSuffix(".test.yaml") }
    }

    private static func yamlFiles(in directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent == "runbooks" { enumerator.skipDescendants(); continue }
            if url.pathExtension == "yaml" || url.pathExtension == "yml" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The rule set of the files, or every problem found in them.
    /// `runbooks`: the runbooks directory to check against; nil skips that check.
    public static func load(files: [URL], variables: AlarmRuleVariables = AlarmRuleVariables(), runbooks: URL?) throws(ConfigError) -> AlarmRuleSet {
        var located: [AlarmRuleFileParser.Located] = []
        var issues: [ConfigIssue] = []
        for file in files {
            let text: String
            do {
                text = try AgentConfigLoader.readText(file.path)
            } catch {
                issues += error.issues
                continue
            }
            let parsed = AlarmRuleFileParser.parse(yaml: text, file: file.path, variables: variables)
            located += parsed.rules
            issues += parsed.issues
        }
        issues += crossCheck(located, runbooks: runbooks)
        guard issues.isEmpty else { throw ConfigError(issues: issues) }
        return AlarmRuleSet(located.map(\.rule))
    }

    /// `runbooks`: the runbooks directory, `<directory>/runbooks` when nil.
    public static func load(directory: URL, variables: AlarmRuleVariables = AlarmRuleVariables(), checkRunbooks: Bool = true, runbooks: URL? = nil) throws(ConfigError) -> AlarmRuleSet {
        let files = ruleFiles(in: directory)
        guard !files.isEmpty else {
            throw ConfigError(issues: [ConfigIssue(file: directory.path, line: 0, field: "(directory)", message: "no rule files (*.yaml) found")])
        }
        return try load(files: files, variables: variables, runbooks: checkRunbooks ? (runbooks ?? directory.appendingPathComponent("runbooks")) : nil)
    }

    static func crossCheck(_ located: [AlarmRuleFileParser.Located], runbooks: URL?) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        var first: [String: AlarmRuleFileParser.Located] = [:]
        for entry in located {
            if let earlier = first[entry.rule.name] {
                issues.append(issue(entry, "name", "'\(entry.rule.name)' is already the name of the rule at \(earlier.file):\(earlier.line); alarm names are unique"))
            } else {
                first[entry.rule.name] = entry
            }
        }
        for entry in located {
            guard let composite = entry.rule.compositeRule else { continue }
            for child in composite.rule.children where first[child.alarmName] == nil {
                issues.append(issue(entry, "composite", "names '\(child.alarmName)', which no rule defines"))
            }
            if composite.rule.children.count > 100 { issues.append(issue(entry, "composite", "names more than 100 alarms (CloudWatch's limit)")) }
            if let suppressor = composite.suppressor, first[suppressor.alarm.alarmName] == nil {
                issues.append(issue(entry, "actions_suppressor.alarm", "names '\(suppressor.alarm.alarmName)', which no rule defines"))
            }
        }
        let graph = CompositeAlarmGraph(rules: first.compactMapValues { $0.rule.compositeRule?.rule })
        for cycle in graph.cycles {
            if let entry = cycle.members.compactMap({ first[$0] }).first { issues.append(issue(entry, "composite", cycle.description)) }
        }
        if let runbooks {
            for entry in located { issues += runbookIssues(entry, directory: runbooks) }
        }
        return issues
    }

    private static func runbookIssues(_ entry: AlarmRuleFileParser.Located, directory: URL) -> [ConfigIssue] {
        let path = directory.appendingPathComponent(entry.rule.runbook).path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            return [issue(entry, "runbook", "no runbook at \(path): every rule needs one (Meaning, Impact, Diagnosis, Mitigation, Escalation)")]
        }
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.dropFirst(3).trimmingCharacters(in: .whitespaces) }
        let missing = runbookSections.filter { !headings.contains($0) }
        guard missing.isEmpty else {
            return [issue(entry, "runbook", "\(path) lacks the section(s) \(missing.map { "## \($0)" }.joined(separator: ", "))")]
        }
        return []
    }

    private static func issue(_ entry: AlarmRuleFileParser.Located, _ field: String, _ message: String) -> ConfigIssue {
        ConfigIssue(file: entry.file, line: entry.line, field: "\(entry.rule.name).\(field)", message: message)
    }
}
