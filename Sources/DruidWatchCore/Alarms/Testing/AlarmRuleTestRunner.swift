import Foundation

/// Runs rule unit tests through the same `RuleSetEvaluator` the evaluator runs, with the
/// test's series in place of CloudWatch: every series is "discovered", its values are
/// the history, and a cycle runs at every multiple of the rules' common period.
public enum AlarmRuleTestRunner {
    public struct Failure: Sendable, Hashable, CustomStringConvertible {
        public var test: String
        public var location: String
        public var message: String

        public var description: String { "\(location): \(test): \(message)" }
    }

    /// The failures of one test; empty when it passes.
    public static func run(_ test: AlarmRuleTestCase, rules: AlarmRuleSet) -> [Failure] {
        var failures: [Failure] = []
        func fail(_ location: String, _ message: String) {
            failures.append(Failure(test: test.name, location: location, message: message))
        }
        let evaluator = RuleSetEvaluator(rules: rules, readDelaySeconds: 0)
        var state = EvaluatorState()
        let origin = Int(test.start.timeIntervalSince1970)
        var periods: [Int] = []
        for (definition, rule) in rules.metricRules {
            var discovered: [MetricIdentity] = []
            for query in rule.metrics {
                for series in test.series where series.metricName == query.metricName && (series.namespace ?? query.namespace) == query.namespace {
                    let identity = MetricIdentity(namespace: query.namespace, metricName: series.metricName, dimensions: series.dimensions)
                    guard query.matches(identity) else { continue }
                    discovered.append(identity)
                    let request = SeriesRequest(metric: identity, stat: query.statistic.stat, periodSeconds: rule.periodSeconds, unit: query.unit)
                    let points = series.values.enumerated().compactMap { index, value in
                        value.map { MetricPoint(timestamp: Date(timeIntervalSince1970: Double(origin + index * rule.periodSeconds)), value: $0) }
                    }
                    let end = origin + max(series.values.count, 1) * rule.periodSeconds
                    var history = state.series[request] ?? SeriesHistory()
                    history.record(points, from: origin, to: end)
                    state.series[request] = history
                }
            }
            state.discovered[definition.name] = DiscoveredSeries(series: discovered, at: test.start)
            periods.append(rule.periodSeconds)
        }
        for expectation in test.expectations where rules.byName[expectation.alarm] == nil {
            fail(expectation.location, "no rule named '\(expectation.alarm)' in the rule files")
        }
        guard failures.isEmpty, let lastAt = test.expectations.map(\.at).max() else { return failures }
        // CloudWatch's periods start on multiples of the period: values placed off that
        // grid would never be read, and the test would fail for a reason it cannot show.
        let offGrid = Set(periods).sorted().filter { origin % $0 != 0 }
        guard offGrid.isEmpty else {
            fail(test.location, "start must be on a boundary of every rule's period; \(test.start) is not a multiple of "
                + offGrid.map { "\($0)s" }.joined(separator: ", "))
            return failures
        }

        let step = periods.reduce(0) { gcd($0, $1) }
        for expectation in test.expectations where step > 0 && expectation.at % step != 0 {
            fail(expectation.location, "at \(expectation.at)s is not the end of a period (cycles run every \(step)s)")
        }
        guard failures.isEmpty, step > 0 else { return failures }

        // Histories must not be trimmed away by the evaluator before their time comes:
        // keep a full copy and restore each series' values as the clock reaches them.
        let fullHistory = state.series
        var elapsed = step
        while elapsed <= lastAt {
            let now = Date(timeIntervalSince1970: Double(origin + elapsed))
            for (request, history) in fullHistory { state.series[request] = history }
            let statuses = evaluator.evaluate(state: &state, now: now)
            for expectation in test.expectations where expectation.at == elapsed {
                check(expectation, statuses: statuses, rules: rules, fail: fail)
            }
            elapsed += step
        }
        return failures
    }

    private static func check(_ expectation: AlarmRuleTestCase.Expectation, statuses: [AlarmGroupStatus], rules: AlarmRuleSet, fail: (String, String) -> Void) {
        let ofRule = statuses.filter { $0.key.ruleName == expectation.alarm }
        let matching: [AlarmGroupStatus]
        if let group = expectation.group {
            matching = ofRule.filter { Set($0.key.group) == Set(group) }
        } else {
            matching = ofRule
        }
        let groupText = expectation.group.map { "{" + $0.map(\.description).joined(separator: ", ") + "}" } ?? ""
        guard matching.count == 1, let status = matching.first else {
            let known = ofRule.map { "{\($0.key.groupText)}" }.joined(separator: " ")
            fail(expectation.location, matching.isEmpty
                ? "at \(expectation.at)s: \(expectation.alarm)\(groupText) has no state (groups: \(known.isEmpty ? "none" : known))"
                : "at \(expectation.at)s: \(expectation.alarm) has \(matching.count) groups (\(known)); name one with `group`")
            return
        }
        if let expected = expectation.state, status.state != expected {
            fail(expectation.location, "at \(expectation.at)s: \(status.key) is \(status.state.rawValue), expected \(expected.rawValue) (\(status.reason))")
        }
        if let expected = expectation.notification {
            let sent = notifiedState(status)
            let expectedState: AlarmState? = if case let .state(state) = expected { state } else { nil }
            if sent != expectedState {
                fail(expectation.location, "at \(expectation.at)s: \(status.key) sent \(sent.map { "a notification of \($0.rawValue)" } ?? "no notification")"
                    + ", expected \(expectedState.map { "a notification of \($0.rawValue)" } ?? "none")")
            }
        }
    }

    /// The state a status change notifies: ALARM on entering it, OK only when leaving
    /// ALARM (not at creation, reference §1.12), INSUFFICIENT_DATA never.
    public static func notifiedState(_ status: AlarmGroupStatus) -> AlarmState? {
        guard status.changed else { return nil }
        switch status.state {
        case .alarm: return .alarm
        case .ok: return status.previousState == .alarm ? .ok : nil
        case .insufficientData: return nil
        }
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
