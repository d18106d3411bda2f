import DruidWatchCore
import Foundation
import Testing

/// Rule unit tests run through the evaluator with the test's series in place of CloudWatch.
@Suite struct AlarmRuleTestRunnerTests {
    typealias F = AlarmRuleFixtures

    private func rules() throws -> AlarmRuleSet {
        AlarmRuleSet([
            F.metricRule(
                "QueryFailures", metrics: [F.query("query/failed/count", ["Service": "druid/broker"])],
                configuration: try F.configuration(period: 300, n: 3, threshold: 5, missing: .notBreaching)
            ),
            F.metricRule(
                "HeapHigh", metrics: [F.query("jvm/mem/used", ["InstanceId": nil])], groupBy: ["InstanceId"],
                configuration: try F.configuration(period: 60, n: 1, threshold: 100)
            ),
        ])
    }

    /// Three good periods, five breaching, four good again.
    private let failures = AlarmRuleTestCase.Series(
        namespace: nil, metricName: "query/failed/count",
        dimensions: F.dimensions(["Service": "druid/broker", "InstanceId": "i-1"]),
        values: [0, 0, 0, 10, 10, 10, 10, 10, 0, 0, 0, 0]
    )

    private func expect(_ at: Int, alarm: String = "QueryFailures", group: [MetricDimension]? = nil, _ state: AlarmState?, notification: AlarmRuleTestCase.NotificationExpectation? = nil, line: Int) -> AlarmRuleTestCase.Expectation {
        AlarmRuleTestCase.Expectation(at: at, alarm: alarm, group: group, state: state, notification: notification, location: "q.test.yaml:\(line)")
    }

    private func test(_ expectations: [AlarmRuleTestCase.Expectation], series: [AlarmRuleTestCase.Series]? = nil) -> AlarmRuleTestCase {
        AlarmRuleTestCase(name: "failures fire", start: F.date(F.t0), series: series ?? [failures], expectations: expectations, location: "q.test.yaml:3")
    }

    @Test func aPassingTestHasNoFailures() throws {
        let failures = AlarmRuleTestRunner.run(test([
            expect(300, .ok, notification: AlarmRuleTestCase.NotificationExpectation.none, line: 10),  // from INSUFFICIENT_DATA: no OK message
            expect(1500, .ok, line: 11),
            expect(1800, .alarm, notification: .state(.alarm), line: 12),
            expect(2100, .alarm, notification: AlarmRuleTestCase.NotificationExpectation.none, line: 13),
            expect(2400, .alarm, line: 14),
            expect(2700, .ok, notification: .state(.ok), line: 15),
        ]), rules: try rules())
        #expect(failures == [])
    }

    @Test func aFailingTestSaysWhereWhatAndWhy() throws {
        let failures = AlarmRuleTestRunner.run(test([
            expect(1500, .alarm, line: 11),
            expect(1800, .alarm, notification: AlarmRuleTestCase.NotificationExpectation.none, line: 12),
        ]), rules: try rules())
        #expect(failures.count == 2)
        #expect(failures.map(\.test) == ["failures fire", "failures fire"])
        #expect(failures.map(\.location) == ["q.test.yaml:11", "q.test.yaml:12"])
        #expect(failures[0].message.hasPrefix("at 1500s: QueryFailures is OK, expected ALARM (Threshold Crossed: "))
        #expect(failures[1].message == "at 1800s: QueryFailures sent a notification of ALARM, expected none")
        #expect(failures[1].description == "q.test.yaml:12: failures fire: at 1800s: QueryFailures sent a notification of ALARM, expected none")
    }

    @Test func anExpectationBetweenPeriodEndsIsReported() throws {
        // The rules' periods are 60 s and 300 s: cycles run every 60 s.
        let failures = AlarmRuleTestRunner.run(test([expect(1800, .alarm, line: 11), expect(1830, .alarm, line: 12)]), rules: try rules())
        #expect(failures.map(\.description) == ["q.test.yaml:12: failures fire: at 1830s is not the end of a period (cycles run every 60s)"])
    }

    @Test func anExpectationOfAnUnknownRuleIsReported() throws {
        let failures = AlarmRuleTestRunner.run(test([expect(300, alarm: "Nope", .ok, line: 20)]), rules: try rules())
        #expect(failures.map(\.message) == ["no rule named 'Nope' in the rule files"])
        #expect(failures.map(\.location) == ["q.test.yaml:20"])
    }

    @Test func aFannedOutRuleNeedsTheGroupNamed() throws {
        let heap = [("i-1", 50.0), ("i-2", 500.0)].map { id, peak in
            AlarmRuleTestCase.Series(namespace: nil, metricName: "jvm/mem/used", dimensions: [MetricDimension("InstanceId", id)], values: [50, peak, 50])
        }
        let i2 = [MetricDimension("InstanceId", "i-2")]
        let passing = AlarmRuleTestRunner.run(test([
            expect(120, alarm: "HeapHigh", group: i2, .alarm, notification: .state(.alarm), line: 30),
            expect(120, alarm: "HeapHigh", group: [MetricDimension("InstanceId", "i-1")], .ok, line: 31),
        ], series: heap), rules: try rules())
        #expect(passing == [])

        let failures = AlarmRuleTestRunner.run(test([
            expect(120, alarm: "HeapHigh", .alarm, line: 32),
            expect(120, alarm: "HeapHigh", group: [MetricDimension("InstanceId", "i-3")], .alarm, line: 33),
        ], series: heap), rules: try rules())
        #expect(failures.map(\.message) == [
            "at 120s: HeapHigh has 2 groups ({InstanceId=i-1} {InstanceId=i-2}); name one with `group`",
            "at 120s: HeapHigh{InstanceId=i-3} has no state (groups: {InstanceId=i-1} {InstanceId=i-2})",
        ])
    }

    @Test func aStartBetweenPeriodBoundariesIsRefused() throws {
        // Half a minute past the hour: no 5-minute period of CloudWatch starts there.
        let shifted = AlarmRuleTestCase(
            name: "shifted", start: F.date(F.t0 + 30), series: [failures],
            expectations: [expect(1800, .alarm, line: 12)], location: "q.test.yaml:3"
        )
        let failures = AlarmRuleTestRunner.run(shifted, rules: try rules())
        // Refused for its start, never a state computed without the values.
        #expect(failures.map(\.message) == ["start must be on a boundary of every rule's period; \(F.date(F.t0 + 30)) is not a multiple of 60s, 300s"])
    }

    @Test func onlyEnteringAlarmAndLeavingItAreNotified() {
        let key = AlarmInstanceKey(ruleName: "R")
        func status(_ previous: AlarmState, _ state: AlarmState) -> AlarmGroupStatus {
            AlarmGroupStatus(key: key, state: state, previousState: previous, since: F.date(F.t0), reason: "", changed: previous != state)
        }
        #expect(AlarmRuleTestRunner.notifiedState(status(.ok, .alarm)) == .alarm)
        #expect(AlarmRuleTestRunner.notifiedState(status(.insufficientData, .alarm)) == .alarm)
        #expect(AlarmRuleTestRunner.notifiedState(status(.alarm, .ok)) == .ok)
        #expect(AlarmRuleTestRunner.notifiedState(status(.insufficientData, .ok)) == nil)
        #expect(AlarmRuleTestRunner.notifiedState(status(.alarm, .insufficientData)) == nil)
        #expect(AlarmRuleTestRunner.notifiedState(status(.alarm, .alarm)) == nil)
    }
}
