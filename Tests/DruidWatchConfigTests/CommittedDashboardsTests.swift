import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The committed `dashboards/*.json` are `druidwatch dashboards build`'s output for its
/// defaults, alarms of the repository's `alarms/` included, and show those alarms: each
/// rule listed with its runbook on the dashboard it names, the paging ones on the
/// overview, and level thresholds drawn on their metrics' graphs.
@Suite struct CommittedDashboardsTests {
    static let rules = Fixtures.repositoryRoot.appendingPathComponent("alarms")

    static func parameters() throws -> DashboardParameters {
        let ruleSet = try AlarmRuleSetLoader.load(directory: rules)
        return DashboardParameters(cluster: "prod-druid", namespace: "Druid", region: "us-east-1")
            .withAlarms(ruleSet, runbookBaseURL: EvaluatorConfig().runbookBaseURL)
    }

    @Test func committedFilesEqualTheGeneratorsOutput() throws {
        let directory = Fixtures.repositoryRoot.appendingPathComponent("dashboards")
        let rendered = try RenderedDashboard.all(try Self.parameters())
        for dashboard in rendered {
            let committed = try String(contentsOf: directory.appendingPathComponent("\(dashboard.fileName).json"), encoding: .utf8)
            #expect(committed == dashboard.fileContents, "dashboards/\(dashboard.fileName).json differs from the generator's output: run `druidwatch dashboards build`")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(rendered.map { "\($0.fileName).json" }), "dashboards/ holds files the generator does not write")
    }

    @Test func everyAlarmIsListedWithItsRunbookWhereItsRuleSays() throws {
        let parameters = try Self.parameters()
        let ruleSet = try AlarmRuleSetLoader.load(directory: Self.rules)
        let dashboards = Dictionary(uniqueKeysWithValues: DruidDashboards.all(parameters).map { ($0.fileName, $0) })
        func texts(_ kind: String) -> String {
            (dashboards[kind]?.body.widgets ?? []).compactMap { if case let .text(text) = $0.content { text.markdown } else { nil } }.joined(separator: "\n")
        }
        for rule in ruleSet.rules {
            let link = "[\(rule.name)](\(EvaluatorConfig().runbookBaseURL)\(rule.runbook))"
            #expect(texts(rule.dashboard ?? "overview").contains(link), "\(rule.name) is not listed on \(rule.dashboard ?? "overview")")
            if rule.severity == "page" {
                #expect(texts("overview").contains(link), "the paging \(rule.name) is not on the overview")
            }
        }
    }

    @Test func levelThresholdsAreDrawnOnTheirMetricsGraphs() throws {
        let parameters = try Self.parameters()
        // HostCpuHigh: cpu_usage_active Average > its threshold; DruidwatchEmitterRefusals
        // is a Sum over 5 minutes and is not drawn on a per-minute graph.
        #expect(parameters.thresholds["cpu_usage_active"]?.contains { $0.label == "HostCpuHigh (ticket)" } == true, "\(parameters.thresholds.keys.sorted())")
        #expect(parameters.thresholds["druidwatch/emitter/refused"] == nil)
        let hosts = DruidDashboards.build(.hosts, parameters)
        let annotated = hosts.body.widgets.contains { widget in
            guard case let .metric(metric) = widget.content else { return false }
            return metric.annotations?.horizontal?.contains { $0.label == "HostCpuHigh (ticket)" } == true
        }
        #expect(annotated)
    }
}
