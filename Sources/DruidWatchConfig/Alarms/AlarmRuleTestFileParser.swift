import DruidWatchCore
import Foundation

/// Reads a rule test file (`alarms/tests/*.test.yaml`, format in docs/alarm-rules.md).
public enum AlarmRuleTestFileParser {
    public struct TestFile: Sendable {
        /// The rule files it tests, resolved against the test file's directory.
        public var ruleFiles: [URL]
        public var variables: AlarmRuleVariables
        public var tests: [AlarmRuleTestCase]
    }

    /// The default start: any fixed time works, since the tests inject every time.
    public static let defaultStart = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01T00:00:00Z

    public static func load(path: String) throws(ConfigError) -> TestFile {
        try parse(yaml: AgentConfigLoader.readText(path), file: path)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> TestFile {
        let reader = ConfigReader(file: file)
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        var result = TestFile(ruleFiles: [], variables: AlarmRuleVariables(), tests: [])
        if let document = reader.document(yaml), let top = document.mapping(allowed: ["rule_files", "cluster", "namespace", "tests"]) {
            if let names = top["rule_files"]?.stringList() {
                result.ruleFiles = names.map { URL(fileURLWithPath: $0, relativeTo: directory).standardizedFileURL }
            } else {
                document.report("a rule test file needs `rule_files`: the rule files it tests, relative to it")
            }
            if let cluster = top["cluster"]?.string() { result.variables.cluster = cluster }
            if let namespace = top["namespace"]?.string() { result.variables.namespace = namespace }
            if let tests = top["tests"]?.list() {
                result.tests = tests.compactMap { readTest($0, file: file) }
            } else if top["tests"] == nil {
                document.report("a rule test file needs `tests`")
            }
        }
        guard reader.issues.isEmpty else { throw ConfigError(issues: reader.issues) }
        return result
    }

    private static func readTest(_ node: ConfigNode, file: String) -> AlarmRuleTestCase? {
        guard let fields = node.mapping(allowed: ["name", "start", "series", "expect"]) else { return nil }
        let name = fields["name"]?.string() ?? "test at line \(node.line)"
        var start = defaultStart
        if let startNode = fields["start"], let text = startNode.string() {
            if let date = ISO8601DateFormatter().date(from: text) { start = date } else { startNode.report("expected a time such as 2026-01-01T00:00:00Z") }
        }
        var series: [AlarmRuleTestCase.Series] = []
        for entry in fields["series"]?.list() ?? [] {
            guard let seriesFields = entry.mapping(allowed: ["namespace", "metric", "dimensions", "values"]) else { continue }
            guard let metric = seriesFields["metric"]?.string(), let valuesNode = seriesFields["values"], let text = valuesNode.string() else {
                entry.report("a series needs `metric` and `values`")
                continue
            }
            let dimensions = seriesFields["dimensions"]?.stringPairs()?.map { MetricDimension($0.key, $0.value) } ?? []
            do {
                let values = try SeriesValuesNotation.expand(text)
                series.append(AlarmRuleTestCase.Series(namespace: seriesFields["namespace"]?.string(), metricName: metric, dimensions: dimensions, values: values))
            } catch {
                valuesNode.report("\(error)")
            }
        }
        var expectations: [AlarmRuleTestCase.Expectation] = []
        for entry in fields["expect"]?.list() ?? [] {
            guard let expectFields = entry.mapping(allowed: ["at", "alarm", "group", "state", "notification"]) else { continue }
            guard let at = expectFields["at"]?.wholeSeconds(), let alarm = expectFields["alarm"]?.string() else {
                entry.report("an expectation needs `at` and `alarm`")
                continue
            }
            let group = expectFields["group"]?.stringPairs()?.map { MetricDimension($0.key, $0.value) }
            let state = expectFields["state"]?.oneOf(AlarmState.allCases.map(\.rawValue)).flatMap(AlarmState.init(rawValue:))
            var notification: AlarmRuleTestCase.NotificationExpectation?
            if let text = expectFields["notification"]?.oneOf(AlarmState.allCases.map(\.rawValue) + ["none"]) {
                notification = AlarmState(rawValue: text).map { .state($0) } ?? AlarmRuleTestCase.NotificationExpectation.none
            }
            if state == nil, notification == nil { entry.report("an expectation needs `state`, `notification` or both") }
            expectations.append(AlarmRuleTestCase.Expectation(
                at: at, alarm: alarm, group: group, state: state, notification: notification, location: "\(file):\(entry.line)"
            ))
        }
        if expectations.isEmpty { node.report("a test needs `expect`") }
        return AlarmRuleTestCase(name: name, start: start, series: series, expectations: expectations, location: "\(file):\(node.line)")
    }
}
