import DruidWatchCore
import Foundation
import Testing

/// One evaluation cycle over a rule set: what to read, what a read brings in, and each
/// alarm state after evaluation.
@Suite struct RuleSetEvaluatorTests {
    typealias F = AlarmRuleFixtures
    let t0 = AlarmRuleFixtures.t0

    // A broker failure counter, five-minute periods, 3 of 3 above 5.
    static let broker1 = AlarmRuleFixtures.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker"])
    static let failuresQuery = AlarmRuleFixtures.query("query/failed/count", ["Service": "druid/broker"])

    private func failures(_ name: String = "QueryFailures", n: Int = 3) throws -> AlarmRuleDefinition {
        F.metricRule(name, metrics: [Self.failuresQuery], configuration: try F.configuration(period: 300, n: n, threshold: 5))
    }

    private func request(_ series: MetricIdentity, stat: String = "Sum", period: Int = 300) -> SeriesRequest {
        SeriesRequest(metric: series, stat: stat, periodSeconds: period)
    }

    private func discover(_ state: inout EvaluatorState, _ rule: String, _ series: [MetricIdentity]) {
        state.discovered[rule] = DiscoveredSeries(series: series, at: F.date(t0 - 3600))
    }

    /// Values at consecutive period starts, the last one starting at `newest`.
    private func put(_ state: inout EvaluatorState, _ request: SeriesRequest, _ values: [Double?], newest: Int) {
        let period = request.periodSeconds
        let first = newest - (values.count - 1) * period
        let points = values.enumerated().compactMap { index, value in
            value.map { MetricPoint(timestamp: F.date(first + index * period), value: $0) }
        }
        state.series[request, default: SeriesHistory()].record(points, from: first, to: newest + period)
    }

    /// Reads what is due and answers every query of every call with `answer(series)`.
    private func readCycle(_ evaluator: RuleSetEvaluator, _ state: inout EvaluatorState, now: Int, answer: (SeriesRead) -> [(Int, Double)] = { _ in [] }) -> [SeriesRead] {
        let reads = evaluator.dueReads(state: state, now: F.date(now))
        for batch in MetricReadPlanner.batches(reads) {
            RuleSetEvaluator.record(batch.queries.map { F.result($0.id, answer($0.read)) }, of: batch, into: &state)
        }
        return reads
    }

    // MARK: Periods

    @Test func theDuePeriodEndsReadDelayBeforeNow() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([]), readDelaySeconds: 60)
        #expect(evaluator.evaluationEnd(periodSeconds: 300, now: F.date(t0 + 60)) == t0)
        #expect(evaluator.evaluationEnd(periodSeconds: 300, now: F.date(t0 + 359)) == t0)
        #expect(evaluator.evaluationEnd(periodSeconds: 300, now: F.date(t0 + 59)) == t0 - 300)
        #expect(evaluator.evaluationEnd(periodSeconds: 60, now: Date(timeIntervalSince1970: Double(t0) + 185.5)) == t0 + 120)
        #expect(evaluator.evaluationEnd(periodSeconds: 10, now: F.date(t0 + 75)) == t0 + 10)
    }

    // MARK: Reading

    @Test func aNewSeriesIsReadOverItsEvaluationRange() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])
        // N + 2 = 5 five-minute periods up to the newest complete one.
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 60)) == [SeriesRead(request: request(Self.broker1), start: t0 - 1500, end: t0)])
    }

    @Test func nothingIsReadBeforeDiscovery() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        #expect(evaluator.dueReads(state: EvaluatorState(), now: F.date(t0 + 60)).isEmpty)
    }

    @Test func aSeriesReadByTwoRulesIsRequestedOnceOverTheLongerRange() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures("Short", n: 3), try failures("Long", n: 5)]))
        var state = EvaluatorState()
        discover(&state, "Short", [Self.broker1])
        discover(&state, "Long", [Self.broker1])
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 60)) == [SeriesRead(request: request(Self.broker1), start: t0 - 2100, end: t0)])
    }

    @Test func theSameMetricWithAnotherStatisticOrPeriodIsAnotherRequest() throws {
        let maximum = F.metricRule("Max", metrics: [F.query("query/failed/count", statistic: .maximum, ["Service": "druid/broker"])],
                                   configuration: try F.configuration(period: 300, n: 3))
        let minute = F.metricRule("Minute", metrics: [Self.failuresQuery], configuration: try F.configuration(period: 60, n: 3))
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures(), maximum, minute]))
        var state = EvaluatorState()
        for name in ["QueryFailures", "Max", "Minute"] { discover(&state, name, [Self.broker1]) }
        let reads = evaluator.dueReads(state: state, now: F.date(t0 + 60))
        #expect(Set(reads) == [
            SeriesRead(request: request(Self.broker1), start: t0 - 1500, end: t0),
            SeriesRead(request: request(Self.broker1, stat: "Maximum"), start: t0 - 1500, end: t0),
            SeriesRead(request: request(Self.broker1, period: 60), start: t0 - 300, end: t0),
        ])
    }

    @Test func readsFollowTheHistory() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])

        let first = readCycle(evaluator, &state, now: t0 + 60)
        #expect(first.map(\.start) == [t0 - 1500])
        #expect(state.series[request(Self.broker1)]?.readUntil == t0)

        // Later in the same period: nothing new is complete.
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 120)).isEmpty)
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 359)).isEmpty)

        // The next period: it, and the two before it again for late points.
        let second = readCycle(evaluator, &state, now: t0 + 360)
        #expect(second == [SeriesRead(request: request(Self.broker1), start: t0 - 600, end: t0 + 300)])
        #expect(state.series[request(Self.broker1)]?.readUntil == t0 + 300)

        // After a restart ten hours later: the whole evaluation range, not ten hours.
        let restart = evaluator.dueReads(state: state, now: F.date(t0 + 36_060))
        #expect(restart == [SeriesRead(request: request(Self.broker1), start: t0 + 36_000 - 1500, end: t0 + 36_000)])
    }

    @Test func recordBringsTheAnswerIntoTheHistory() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])
        _ = readCycle(evaluator, &state, now: t0 + 60) { _ in [(t0 - 600, 4), (t0 - 300, 9)] }
        #expect(state.series[request(Self.broker1)]?.values == [t0 - 600: 4, t0 - 300: 9])
    }

    @Test func recordIgnoresResultsItDidNotAskForAndLeavesUnansweredSeriesUnread() throws {
        let broker2 = F.series("query/failed/count", ["InstanceId": "i-2", "Service": "druid/broker"])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1, broker2])
        let reads = evaluator.dueReads(state: state, now: F.date(t0 + 60))
        let batches = MetricReadPlanner.batches(reads)
        #expect(batches.count == 1)
        #expect(batches[0].queries.map(\.id) == ["q0", "q1"])
        let answered = batches[0].queries[0].read.request
        let unanswered = batches[0].queries[1].read.request

        RuleSetEvaluator.record([F.result("q0", [(t0 - 300, 1)]), F.result("q7", [(t0 - 300, 99)]), F.result("m1", [(t0 - 300, 99)])],
                                of: batches[0], into: &state)
        #expect(state.series.count == 1)
        #expect(state.series[answered]?.values == [t0 - 300: 1])
        #expect(state.series[unanswered] == nil)
        // The series left out of the answer is asked for again; the other is not.
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 120)) == [SeriesRead(request: unanswered, start: t0 - 1500, end: t0)])
    }

    // MARK: Evaluating

    @Test func aRuleIsJudgedByTheMetricAlarmStateMachine() throws {
        let rule = try failures()
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])
        put(&state, request(Self.broker1), [1, 10, 10, 10], newest: t0 - 300)

        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        let key = AlarmInstanceKey(ruleName: "QueryFailures")
        let expected = MetricAlarmEvaluator.evaluate(
            EvaluationRange(values: [nil, 1, 10, 10, 10], newestTimestamp: F.date(t0 - 300)),
            configuration: try #require(rule.metricRule).configuration, currentState: .insufficientData
        )
        #expect(expected.state == .alarm)
        #expect(statuses == [AlarmGroupStatus(
            key: key, state: .alarm, previousState: .insufficientData, since: F.date(t0 + 60),
            reason: try #require(expected.reason), changed: true, latestValue: 10, enteredFrom: .insufficientData
        )])
        #expect(state.groups[key]?.enteredFrom == .insufficientData)
        #expect(state.groups[key]?.evaluatedThrough == t0)
        #expect(state.groups[key]?.lastData == F.date(t0 + 60))
        #expect(state.ruleHistory["QueryFailures"] == [AlarmStateChange(state: .alarm, time: F.date(t0 + 60))])
    }

    @Test func aRuleIsEvaluatedOncePerPeriod() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])
        put(&state, request(Self.broker1), [10, 10, 10], newest: t0 - 300)
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 60)).map(\.state) == [.alarm])

        // Within the same period the state stands, even if the data changed meanwhile.
        put(&state, request(Self.broker1), [0, 0, 0], newest: t0 - 300)
        let again = evaluator.evaluate(state: &state, now: F.date(t0 + 120))
        #expect(again.map(\.state) == [.alarm])
        #expect(again.map(\.changed) == [false])
        #expect(again.map(\.since) == [F.date(t0 + 60)])

        // The next period is evaluated.
        put(&state, request(Self.broker1), [0, 0, 0, 0], newest: t0)
        let next = evaluator.evaluate(state: &state, now: F.date(t0 + 360))
        #expect(next.map(\.state) == [.ok])
        #expect(next.map(\.previousState) == [.alarm])
        #expect(next.map(\.changed) == [true])
        #expect(state.groups[AlarmInstanceKey(ruleName: "QueryFailures")]?.evaluatedThrough == t0 + 300)
    }

    @Test func fanOutGivesOneStatePerGroupAndAcrossSumSkipsRollups() throws {
        let rule = F.metricRule(
            "FailuresByDataSource", metrics: [F.query("query/failed/count", ["Service": "druid/broker", "dataSource": nil])],
            groupBy: ["dataSource"], across: .sum, configuration: try F.configuration(period: 300, n: 1, threshold: 10)
        )
        let wiki1 = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker", "dataSource": "wikipedia"])
        let wiki2 = F.series("query/failed/count", ["InstanceId": "i-2", "Service": "druid/broker", "dataSource": "wikipedia"])
        let wikiRollup = F.series("query/failed/count", ["Service": "druid/broker", "dataSource": "wikipedia"])
        let koala = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker", "dataSource": "koalas"])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        discover(&state, "FailuresByDataSource", [wiki1, wiki2, wikiRollup, koala])
        put(&state, request(wiki1), [3], newest: t0 - 300)
        put(&state, request(wiki2), [4], newest: t0 - 300)
        put(&state, request(wikiRollup), [7], newest: t0 - 300)  // counted twice, 14 would breach
        put(&state, request(koala), [11], newest: t0 - 300)

        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        #expect(statuses.map(\.key) == [
            AlarmInstanceKey(ruleName: "FailuresByDataSource", group: [MetricDimension("dataSource", "koalas")]),
            AlarmInstanceKey(ruleName: "FailuresByDataSource", group: [MetricDimension("dataSource", "wikipedia")]),
        ])
        #expect(statuses.map(\.state) == [.alarm, .ok])
        #expect(statuses.map(\.latestValue) == [11, 7])
        // The rollup is read by no group, so its history is dropped.
        #expect(state.series[request(wikiRollup)] == nil)
        #expect(state.series[request(wiki1)] != nil)
    }

    @Test func aMathRuleCombinesEachMetricAcrossItsSeriesThenAppliesTheExpression() throws {
        let rule = F.metricRule(
            "FailureRate",
            metrics: [F.query(id: "failed", "query/failed/count", ["Service": "druid/broker"]), F.query(id: "total", "query/count", ["Service": "druid/broker"])],
            expression: try MetricExpression.parse("100 * failed / total"), across: .sum,
            configuration: try F.configuration(period: 300, n: 1, threshold: 1)
        )
        let failed1 = F.series("query/failed/count", ["InstanceId": "i-1", "Service": "druid/broker"])
        let failed2 = F.series("query/failed/count", ["InstanceId": "i-2", "Service": "druid/broker"])
        let total1 = F.series("query/count", ["InstanceId": "i-1", "Service": "druid/broker"])
        let total2 = F.series("query/count", ["InstanceId": "i-2", "Service": "druid/broker"])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        discover(&state, "FailureRate", [failed1, failed2, total1, total2])
        put(&state, request(failed1), [1, 3], newest: t0 - 300)
        put(&state, request(failed2), [1, 2], newest: t0 - 300)
        put(&state, request(total1), [100, 200], newest: t0 - 300)
        put(&state, request(total2), [100, 300], newest: t0 - 300)
        // Newest period: 100 × 5 / 500 = 1, not above 1.
        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        #expect(statuses.map(\.state) == [.ok])
        #expect(statuses.map(\.latestValue) == [1])
    }

    @Test func aGroupGoneFromDiscoveryIsDroppedAfterForgetAfterWithoutData() throws {
        let rule = F.metricRule(
            "HeapHigh", metrics: [F.query("jvm/mem/used", ["InstanceId": nil])], groupBy: ["InstanceId"],
            configuration: try F.configuration(period: 300, n: 1, threshold: 100), forgetAfter: 3600
        )
        let host1 = F.series("jvm/mem/used", ["InstanceId": "i-1"])
        let host2 = F.series("jvm/mem/used", ["InstanceId": "i-2"])
        let key1 = AlarmInstanceKey(ruleName: "HeapHigh", group: [MetricDimension("InstanceId", "i-1")])
        let key2 = AlarmInstanceKey(ruleName: "HeapHigh", group: [MetricDimension("InstanceId", "i-2")])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        discover(&state, "HeapHigh", [host1, host2])
        put(&state, request(host1), [50], newest: t0 - 300)
        put(&state, request(host2), [50], newest: t0 - 300)
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 60)).map(\.key) == [key1, key2])

        // i-2 is scaled in: ListMetrics stops listing it, and i-1 stops reporting too.
        discover(&state, "HeapHigh", [host1])
        let soon = evaluator.evaluate(state: &state, now: F.date(t0 + 360))
        #expect(soon.map(\.key) == [key1, key2])
        #expect(state.groups[key2]?.lastData == F.date(t0 + 60))
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 60 + 3300)).map(\.key) == [key1, key2])

        // forget_after after its last data, i-2 is gone; i-1, still listed, stays.
        let later = evaluator.evaluate(state: &state, now: F.date(t0 + 60 + 3600))
        #expect(later.map(\.key) == [key1])
        #expect(state.groups[key2] == nil)
        #expect(state.groups[key1] != nil)
    }

    @Test func aDeadManRuleWithNoSeriesAtAllFires() throws {
        let rule = F.metricRule(
            "AgentSilent", metrics: [F.query(namespace: "CWAgent", "cpu_usage_active", statistic: .sampleCount, ["InstanceId": nil])],
            groupBy: ["InstanceId"],
            configuration: try F.configuration(period: 60, n: 5, threshold: 1, comparison: .lessThanThreshold, missing: .breaching),
            deadMan: true
        )
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        // Before the first listing there is nothing to judge.
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 60)).isEmpty)

        discover(&state, "AgentSilent", [])
        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 120))
        #expect(statuses.map(\.key) == [AlarmInstanceKey(ruleName: "AgentSilent")])
        #expect(statuses.map(\.state) == [.alarm])
        #expect(statuses.map(\.changed) == [true])
    }

    @Test func aFannedOutRuleThatMatchesNothingHasNoStateButAPlainOneIsInsufficientData() throws {
        let fanned = F.metricRule("ByDataSource", metrics: [F.query("query/count", ["dataSource": nil])], groupBy: ["dataSource"],
                                  configuration: try F.configuration())
        let plain = F.metricRule("Total", metrics: [F.query("query/count")], configuration: try F.configuration())
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([fanned, plain]))
        var state = EvaluatorState()
        discover(&state, "ByDataSource", [])
        discover(&state, "Total", [])
        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        #expect(statuses.map(\.key) == [AlarmInstanceKey(ruleName: "Total")])
        #expect(statuses.map(\.state) == [.insufficientData])
    }

    @Test func aDeadManGroupThatStopsReportingFires() throws {
        let rule = F.metricRule(
            "AgentSilent", metrics: [F.query(namespace: "CWAgent", "cpu_usage_active", statistic: .sampleCount, ["InstanceId": nil])],
            groupBy: ["InstanceId"],
            configuration: try F.configuration(period: 60, n: 3, threshold: 1, comparison: .lessThanThreshold, missing: .breaching),
            deadMan: true
        )
        let host = F.series("cpu_usage_active", namespace: "CWAgent", ["InstanceId": "i-1"])
        let key = AlarmInstanceKey(ruleName: "AgentSilent", group: [MetricDimension("InstanceId", "i-1")])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([rule]))
        var state = EvaluatorState()
        discover(&state, "AgentSilent", [host])
        put(&state, request(host, stat: "SampleCount", period: 60), [6, 6, 6, 6, 6], newest: t0 - 60)
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 60)).map(\.state) == [.ok])
        // As in CloudWatch, the real points left in the N + 2 range are evaluated first and
        // only the missing slots still needed are filled as breaching: after three silent
        // minutes two real points remain, so 1 of 3 breaches; after four, 2 of 3.
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 240)).map(\.state) == [.ok])
        #expect(evaluator.evaluate(state: &state, now: F.date(t0 + 300)).map(\.state) == [.ok])
        // With no real point left in the range, every slot is breaching.
        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 360))
        #expect(statuses.map(\.key) == [key])
        #expect(statuses.map(\.state) == [.alarm])
        #expect(statuses.map(\.previousState) == [.ok])
    }

    @Test func aCompositeOverAFannedOutChildIsInAlarmWhenAnyGroupIs() throws {
        let child = F.metricRule("HeapHigh", metrics: [F.query("jvm/mem/used", ["InstanceId": nil])], groupBy: ["InstanceId"],
                                 configuration: try F.configuration(period: 300, n: 1, threshold: 100))
        let composite = try F.compositeRule("Degraded", "ALARM(HeapHigh)")
        let host1 = F.series("jvm/mem/used", ["InstanceId": "i-1"])
        let host2 = F.series("jvm/mem/used", ["InstanceId": "i-2"])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([child, composite]))
        var state = EvaluatorState()
        discover(&state, "HeapHigh", [host1, host2])
        put(&state, request(host1), [50], newest: t0 - 300)
        put(&state, request(host2), [500], newest: t0 - 300)

        let statuses = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        #expect(statuses.map(\.key.ruleName) == ["Degraded", "HeapHigh", "HeapHigh"])
        #expect(statuses.map(\.state) == [.alarm, .ok, .alarm])
        #expect(statuses[0].key == AlarmInstanceKey(ruleName: "Degraded"))
        #expect(statuses[0].changed)
        #expect(statuses[0].reason == "Composite rule ALARM(HeapHigh) evaluated with HeapHigh is ALARM")

        // Every group OK: the composite is OK.
        put(&state, request(host2), [50], newest: t0)
        put(&state, request(host1), [50], newest: t0)
        let recovered = evaluator.evaluate(state: &state, now: F.date(t0 + 360))
        #expect(recovered.map(\.state) == [.ok, .ok, .ok])
        #expect(recovered[0].previousState == .alarm)
        #expect(state.ruleHistory["Degraded"]?.map(\.state) == [.alarm, .ok])
    }

    @Test func anActionsSuppressorInAlarmMarksTheCompositeSuppressed() throws {
        let heap = F.metricRule("HeapHigh", metrics: [F.query("jvm/mem/used")], configuration: try F.configuration(period: 300, n: 1, threshold: 100))
        let maintenance = F.metricRule("Maintenance", metrics: [F.query("maintenance")], configuration: try F.configuration(period: 300, n: 1, threshold: 0))
        let suppressor = try ActionsSuppressor(alarm: AlarmReference("Maintenance"), waitPeriodSeconds: 60, extensionPeriodSeconds: 60)
        let composite = try F.compositeRule("Degraded", "ALARM(HeapHigh)", suppressor: suppressor)
        let heapSeries = F.series("jvm/mem/used", [:])
        let maintenanceSeries = F.series("maintenance", [:])
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([heap, maintenance, composite]))
        var state = EvaluatorState()
        discover(&state, "HeapHigh", [heapSeries])
        discover(&state, "Maintenance", [maintenanceSeries])
        put(&state, request(heapSeries), [500], newest: t0 - 300)
        put(&state, request(maintenanceSeries), [1], newest: t0 - 300)

        let during = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        let degraded = try #require(during.first { $0.key.ruleName == "Degraded" })
        #expect(degraded.state == .alarm)
        #expect(degraded.actionsSuppressed)
        // Metric rules are never suppressed.
        #expect(during.filter { $0.key.ruleName != "Degraded" }.allSatisfy { !$0.actionsSuppressed })

        // Maintenance ends; past the extension period the composite's actions run.
        put(&state, request(heapSeries), [500], newest: t0)
        put(&state, request(maintenanceSeries), [0], newest: t0)
        let ended = evaluator.evaluate(state: &state, now: F.date(t0 + 360))
        #expect(ended.first { $0.key.ruleName == "Maintenance" }?.state == .ok)
        #expect(ended.first { $0.key.ruleName == "Degraded" }?.actionsSuppressed == true)  // within 60 s of the end
        put(&state, request(heapSeries), [500], newest: t0 + 300)
        put(&state, request(maintenanceSeries), [0], newest: t0 + 300)
        let after = evaluator.evaluate(state: &state, now: F.date(t0 + 660))
        #expect(after.first { $0.key.ruleName == "Degraded" }?.state == .alarm)
        #expect(after.first { $0.key.ruleName == "Degraded" }?.actionsSuppressed == false)
    }

    @Test func theStateSurvivesARestartThroughCodable() throws {
        let evaluator = RuleSetEvaluator(rules: AlarmRuleSet([try failures()]))
        var state = EvaluatorState()
        discover(&state, "QueryFailures", [Self.broker1])
        put(&state, request(Self.broker1), [10, 10, 10], newest: t0 - 300)
        _ = evaluator.evaluate(state: &state, now: F.date(t0 + 60))
        let encoder = JSONEncoder()
        var decoded = try JSONDecoder().decode(EvaluatorState.self, from: encoder.encode(state))
        #expect(decoded.series == state.series)
        #expect(decoded.groups == state.groups)
        #expect(decoded.discovered == state.discovered)
        #expect(decoded.ruleHistory == state.ruleHistory)
        // And it goes on where it was: the period is not evaluated twice.
        #expect(evaluator.evaluate(state: &decoded, now: F.date(t0 + 120)).map(\.changed) == [false])
    }
}
