import DruidWatchCore
import Testing

/// Fan-out: which series each group of a rule reads.
@Suite struct SeriesGroupingTests {
    typealias F = AlarmRuleFixtures

    private func rule(groupBy: [String], _ queries: [RuleMetricQuery]) throws -> MetricRule {
        MetricRule(metrics: queries, groupBy: groupBy, across: .sum, configuration: try F.configuration())
    }

    private let failed = F.query("query/failed/count", ["Service": "druid/broker", "dataSource": nil])

    @Test func seriesAreGroupedByTheValuesOfGroupBy() throws {
        let wiki1 = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker", "dataSource": "wikipedia"])
        let wiki2 = F.series("query/failed/count", ["InstanceId": "i-2", "Service": "druid/broker", "dataSource": "wikipedia"])
        let koala = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker", "dataSource": "koalas"])
        let historical = F.series("query/failed/count", ["InstanceId": "i-9", "Service": "druid/historical", "dataSource": "wikipedia"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: ["dataSource"], [failed]), ruleName: "R", series: [wiki2, koala, historical, wiki1])
        #expect(groups == [
            AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "wikipedia")]): ["m1": [wiki1, wiki2]],
            AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "koalas")]): ["m1": [koala]],
        ])
    }

    @Test func groupingByTwoDimensionsKeysOnBoth() throws {
        let query = F.query("ingest/kafka/lag", ["dataSource": nil, "Service": nil])
        let a = F.series("ingest/kafka/lag", ["Service": "druid/middlemanager", "dataSource": "wikipedia"])
        let b = F.series("ingest/kafka/lag", ["Service": "druid/indexer", "dataSource": "wikipedia"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: ["dataSource", "Service"], [query]), ruleName: "Lag", series: [a, b])
        #expect(Set(groups.keys) == [
            AlarmInstanceKey(ruleName: "Lag", group: [MetricDimension("Service", "druid/middlemanager"), MetricDimension("dataSource", "wikipedia")]),
            AlarmInstanceKey(ruleName: "Lag", group: [MetricDimension("dataSource", "wikipedia"), MetricDimension("Service", "druid/indexer")]),
        ])
    }

    @Test func aSeriesLackingAGroupByDimensionIsLeftOut() throws {
        // The query does not require dataSource, so the listing can hold series without it.
        let query = F.query("query/count", ["Service": "druid/broker"])
        let with = F.series("query/count", ["Service": "druid/broker", "dataSource": "wikipedia"])
        let without = F.series("query/count", ["InstanceId": "i-1", "Service": "druid/broker"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: ["dataSource"], [query]), ruleName: "R", series: [with, without])
        #expect(groups == [AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "wikipedia")]): ["m1": [with]]])
    }

    @Test func aRollupSeriesOfTheGroupIsLeftOut() throws {
        let perInstance1 = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker", "dataSource": "wikipedia"])
        let perInstance2 = F.series("query/failed/count", ["InstanceId": "i-2", "Service": "druid/broker", "dataSource": "wikipedia"])
        // The agent's rollup over InstanceId: the same values summed, a strict subset of the names.
        let rollup = F.series("query/failed/count", ["Service": "druid/broker", "dataSource": "wikipedia"])
        // A rollup alone in its group is the only series there: it stays.
        let lonelyRollup = F.series("query/failed/count", ["Service": "druid/broker", "dataSource": "koalas"])
        let groups = SeriesGrouping.groups(
            rule: try rule(groupBy: ["dataSource"], [failed]), ruleName: "R",
            series: [rollup, perInstance1, lonelyRollup, perInstance2]
        )
        #expect(groups[AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "wikipedia")])] == ["m1": [perInstance1, perInstance2]])
        #expect(groups[AlarmInstanceKey(ruleName: "R", group: [MetricDimension("dataSource", "koalas")])] == ["m1": [lonelyRollup]])
    }

    @Test func withoutGroupByEverySeriesIsInOneGroupAndRollupsAreLeftOut() throws {
        let query = F.query("jvm/gc/cpu", ["Service": "druid/broker"])
        let host1 = F.series("jvm/gc/cpu", ["InstanceId": "i-1", "Service": "druid/broker"])
        let host2 = F.series("jvm/gc/cpu", ["InstanceId": "i-2", "Service": "druid/broker"])
        let rollup = F.series("jvm/gc/cpu", ["Service": "druid/broker"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: [], [query]), ruleName: "Gc", series: [rollup, host2, host1])
        #expect(groups == [AlarmInstanceKey(ruleName: "Gc"): ["m1": [host1, host2]]])
    }

    @Test func seriesWithDifferentDimensionNamesThatAreNotSubsetsBothStay() throws {
        let query = F.query("jvm/gc/cpu", ["Service": "druid/broker"])
        let byInstance = F.series("jvm/gc/cpu", ["InstanceId": "i-1", "Service": "druid/broker"])
        let byGroup = F.series("jvm/gc/cpu", ["AutoScalingGroupName": "brokers", "Service": "druid/broker"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: [], [query]), ruleName: "Gc", series: [byInstance, byGroup])
        #expect(groups[AlarmInstanceKey(ruleName: "Gc")]?["m1"] == [byGroup, byInstance])
    }

    @Test func aSeriesListedTwiceIsReadOnce() throws {
        let query = F.query("jvm/gc/cpu", ["Service": "druid/broker"])
        let listed = F.series("jvm/gc/cpu", ["InstanceId": "i-1", "Service": "druid/broker"])
        let reordered = F.series("jvm/gc/cpu", ["Service": "druid/broker", "InstanceId": "i-1"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: [], [query]), ruleName: "Gc", series: [listed, reordered, listed])
        #expect(groups[AlarmInstanceKey(ruleName: "Gc")]?["m1"] == [listed])
    }

    @Test func eachMetricOfAMathRuleHasItsOwnMembersAndRollupsAreJudgedPerMetric() throws {
        let failedQuery = F.query(id: "failed", "query/failed/count", ["Service": "druid/broker"])
        let totalQuery = F.query(id: "total", "query/count", ["Service": "druid/broker"])
        let failedHost = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker"])
        // Only a rollup exists for `total`: it is not a rollup of the other metric's series.
        let totalRollup = F.series("query/count", ["Service": "druid/broker"])
        let groups = SeriesGrouping.groups(rule: try rule(groupBy: [], [failedQuery, totalQuery]), ruleName: "Rate", series: [failedHost, totalRollup])
        #expect(groups == [AlarmInstanceKey(ruleName: "Rate"): ["failed": [failedHost], "total": [totalRollup]]])
    }

    @Test func nothingMatchedIsNoGroup() throws {
        let other = F.series("query/time", ["Service": "druid/broker", "dataSource": "wikipedia"])
        #expect(SeriesGrouping.groups(rule: try rule(groupBy: ["dataSource"], [failed]), ruleName: "R", series: [other]).isEmpty)
        #expect(SeriesGrouping.groups(rule: try rule(groupBy: [], [failed]), ruleName: "R", series: []).isEmpty)
    }
}
