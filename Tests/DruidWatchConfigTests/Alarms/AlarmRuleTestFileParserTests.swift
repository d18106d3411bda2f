import DruidWatchConfig
import DruidWatchCore
import Foundation
import Testing

/// Rule test files (`alarms/tests/*.test.yaml`).
@Suite struct AlarmRuleTestFileParserTests {
    private func problems(_ yaml: String) -> [String] {
        do {
            _ = try AlarmRuleTestFileParser.parse(yaml: yaml, file: "/repo/alarms/tests/q.test.yaml")
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func aTestFileIsRead() throws {
        let file = try AlarmRuleTestFileParser.parse(yaml: """
            rule_files: [../query.yaml, other/x.yaml]
            cluster: staging
            tests:
              - name: failures fire
                start: 2026-02-01T10:00:00Z
                series:
                  - metric: query/failed/count
                    namespace: Druid
                    dimensions: {Service: druid/broker, dataSource: wikipedia}
                    values: "0x1 10+5x2 _"
                expect:
                  - at: 40m
                    alarm: DruidQueryFailures
                    group: {dataSource: wikipedia}
                    state: ALARM
                    notification: ALARM
                  - at: 3600
                    alarm: DruidQueryFailures
                    notification: none
              - expect:
                  - {at: 5m, alarm: Other, state: OK}

            """, file: "/repo/alarms/tests/q.test.yaml")
        #expect(file.ruleFiles.map(\.path) == ["/repo/alarms/query.yaml", "/repo/alarms/tests/other/x.yaml"])
        #expect(file.variables == AlarmRuleVariables(cluster: "staging", namespace: "Druid"))
        #expect(file.tests.count == 2)
        let test = file.tests[0]
        #expect(test.name == "failures fire")
        #expect(test.start == Date(timeIntervalSince1970: 1_769_940_000))
        #expect(test.location == "/repo/alarms/tests/q.test.yaml:4")
        #expect(test.series.count == 1)
        #expect(test.series[0].namespace == "Druid")
        #expect(test.series[0].metricName == "query/failed/count")
        #expect(test.series[0].dimensions == [MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", "wikipedia")])
        #expect(test.series[0].values == [0, 0, 10, 15, 20, nil])
        #expect(test.expectations.count == 2)
        #expect(test.expectations[0].at == 2400)
        #expect(test.expectations[0].alarm == "DruidQueryFailures")
        #expect(test.expectations[0].group == [MetricDimension("dataSource", "wikipedia")])
        #expect(test.expectations[0].state == .alarm)
        #expect(test.expectations[0].notification == .state(.alarm))
        #expect(test.expectations[0].location == "/repo/alarms/tests/q.test.yaml:12")
        #expect(test.expectations[1].at == 3600)
        #expect(test.expectations[1].group == nil)
        #expect(test.expectations[1].state == nil)
        #expect(test.expectations[1].notification == AlarmRuleTestCase.NotificationExpectation.none)
        // Defaults: a name from the line, the fixed start.
        #expect(file.tests[1].name == "test at line 20")
        #expect(file.tests[1].start == AlarmRuleTestFileParser.defaultStart)
        #expect(AlarmRuleTestFileParser.defaultStart == Date(timeIntervalSince1970: 1_767_225_600))
    }

    @Test func ruleFilesAndTestsAreRequired() {
        #expect(problems("cluster: x\n") == [
            "/repo/alarms/tests/q.test.yaml:1: (document): a rule test file needs `rule_files`: the rule files it tests, relative to it",
            "/repo/alarms/tests/q.test.yaml:1: (document): a rule test file needs `tests`",
        ])
    }

    @Test func badValuesAreReportedAtTheirLine() {
        #expect(problems("""
            rule_files: [../q.yaml]
            tests:
              - series:
                  - {metric: m, values: "1 2x 3"}
                expect:
                  - {at: 5m, alarm: A, state: OK}

            """) == [
            "/repo/alarms/tests/q.test.yaml:4: tests[0].series[0].values: '2x' is not a value: use numbers, _ (missing), a+bxn, a-bxn, axn or _xn",
        ])
    }

    @Test func anExpectationNeedsAStateOrANotification() {
        #expect(problems("""
            rule_files: [../q.yaml]
            tests:
              - expect:
                  - {at: 5m, alarm: A}

            """) == [
            "/repo/alarms/tests/q.test.yaml:4: tests[0].expect[0]: an expectation needs `state`, `notification` or both",
        ])
    }

    @Test func aTestNeedsExpectationsAndAValidStart() {
        #expect(problems("""
            rule_files: [../q.yaml]
            tests:
              - name: t
                start: yesterday

            """) == [
            "/repo/alarms/tests/q.test.yaml:3: tests[0]: a test needs `expect`",
            "/repo/alarms/tests/q.test.yaml:4: tests[0].start: expected a time such as 2026-01-01T00:00:00Z",
        ])
    }

    @Test func anUnknownKeyInAnExpectation() {
        #expect(problems("""
            rule_files: [../q.yaml]
            tests:
              - expect:
                  - {at: 5m, alarm: A, stat: OK}

            """) == [
            "/repo/alarms/tests/q.test.yaml:4: tests[0].expect[0]: an expectation needs `state`, `notification` or both",
            "/repo/alarms/tests/q.test.yaml:4: tests[0].expect[0].stat: unknown key 'stat' (did you mean 'state'?); allowed: at, alarm, group, state, notification",
        ])
    }
}
