import DruidWatchCore
import Foundation
import Testing

/// An alarm instance's identity: rule name and sorted group dimensions.
@Suite struct AlarmInstanceKeyTests {
    @Test func theGroupIsSortedSoTheSameGroupIsTheSameKey() {
        let a = AlarmInstanceKey(ruleName: "R", group: [MetricDimension("tier", "hot"), MetricDimension("dataSource", "wiki")])
        let b = AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "wiki"), MetricDimension("tier", "hot")])
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.group == [MetricDimension("dataSource", "wiki"), MetricDimension("tier", "hot")])
    }

    @Test func descriptionIsTheSeriesNotation() {
        #expect(DispatchHarness.key("DruidIngestionStalled", "wikipedia").description == "DruidIngestionStalled{dataSource=wikipedia}")
        let twoDimensions = AlarmInstanceKey(ruleName: "R", group: [MetricDimension("tier", "hot"), MetricDimension("dataSource", "wiki")])
        #expect(twoDimensions.description == "R{dataSource=wiki,tier=hot}")
        #expect(AlarmInstanceKey(ruleName: "DruidClusterDegraded").description == "DruidClusterDegraded")
    }

    @Test func keysOrderByRuleThenGroup() {
        let keys = [
            DispatchHarness.key("B", "a"), DispatchHarness.key("A", "z"), DispatchHarness.key("A", nil), DispatchHarness.key("A", "b"),
        ]
        #expect(keys.sorted().map(\.description) == ["A", "A{dataSource=b}", "A{dataSource=z}", "B{dataSource=a}"])
    }

    @Test func aKeySurvivesJSONAndIsSortedWhenDecoded() throws {
        let json = #"{"ruleName":"R","group":[{"name":"tier","value":"hot"},{"name":"dataSource","value":"wiki"}]}"#
        let decoded = try JSONDecoder().decode(AlarmInstanceKey.self, from: Data(json.utf8))
        #expect(decoded == AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "wiki"), MetricDimension("tier", "hot")]))
        #expect(try JSONDecoder().decode(AlarmInstanceKey.self, from: JSONEncoder().encode(decoded)) == decoded)
    }

    @Test func matchableLabelsAddTheRuleNameSeverityAndGroupAndCannotBeSpoofed() {
        let status = AlarmInstanceStatus(
            key: DispatchHarness.key("DruidIngestionStalled", "wikipedia"), severity: "page",
            labels: ["team": "druid", "alarm": "SomethingElse", "severity": "info"], state: .alarm,
            since: DispatchHarness.start, reason: "r"
        )
        #expect(
            status.matchableLabels == [
                "team": "druid", "alarm": "DruidIngestionStalled", "severity": "page", "dataSource": "wikipedia",
            ]
        )
    }
}
