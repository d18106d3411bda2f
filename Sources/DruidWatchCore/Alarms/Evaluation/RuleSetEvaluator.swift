import Foundation

/// One evaluation cycle over a rule set, as pure functions of the rules, the state and
/// the time: which series to read, what a read brings into the history, and each alarm
/// state after evaluation. The I/O around it (GetMetricData, ListMetrics, the state
/// file, SNS) is the evaluator service's.
///
/// A rule is evaluated once per period, at the end of each of its periods (`now` minus
/// `readDelay`, which leaves the agents time to publish the period). Its evaluation
/// range is the N + 2 newest complete periods, judged by `MetricAlarmEvaluator`, the same
/// state machine CloudWatch runs.
public struct RuleSetEvaluator: Sendable {
    public let rules: AlarmRuleSet
    /// Seconds after a period's end before it is read.
    public let readDelaySeconds: Int
    /// How many periods before the newest read are read again, for points that arrive late.
    public static let rereadPeriods = 2
    private let groupingCache = SeriesGroupingCache()

    public init(rules: AlarmRuleSet, readDelaySeconds: Int = 60) {
        self.rules = rules
        self.readDelaySeconds = readDelaySeconds
    }

    /// The end of the newest complete period of `periodSeconds` that is due at `now`.
    public func evaluationEnd(periodSeconds: Int, now: Date) -> Int {
        let t = Int(now.timeIntervalSince1970.rounded(.down)) - readDelaySeconds
        return t - ((t % periodSeconds) + periodSeconds) % periodSeconds
    }

    // MARK: Reading

    /// Every series that has a period to read this cycle, each once however many rules
    /// and groups read it, from where its history stops (or its evaluation range, after a
    /// restart or for a new series).
    public func dueReads(state: EvaluatorState, now: Date) -> [SeriesRead] {
        var reads: [SeriesRequest: SeriesRead] = [:]
        for (definition, rule) in rules.metricRules {
            let end = evaluationEnd(periodSeconds: rule.periodSeconds, now: now)
            let rangeStart = end - EvaluationRange.slotCount(evaluationPeriods: rule.configuration.evaluationPeriods) * rule.periodSeconds
            for members in groups(of: definition.name, rule: rule, state: state).values {
                for request in AlarmRuleSet.requests(for: rule, members: members).values.joined() {
                    let history = state.series[request]
                    if let readUntil = history?.readUntil, readUntil >= end { continue }
                    let start = max(rangeStart, (history?.readUntil ?? Int.min / 2) - Self.rereadPeriods * rule.periodSeconds)
                    if let existing = reads[request] {
                        reads[request] = SeriesRead(request: request, start: min(existing.start, start), end: end)
                    } else {
                        reads[request] = SeriesRead(request: request, start: start, end: end)
                    }
                }
            }
        }
        return reads.values.sorted { $0.request < $1.request }
    }

    /// Brings one call's answer into the histories. A series the answer leaves out is
    /// not marked read, so the next cycle asks for it again.
    public static func record(_ results: [MetricDataResult], of batch: MetricReadBatch, into state: inout EvaluatorState) {
        let byID = Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, read) in batch.queries {
            guard let result = byID[id] else { continue }
            state.series[read.request, default: SeriesHistory()].record(result.points, from: batch.start, to: read.end)
        }
    }

    // MARK: Evaluating

    /// Evaluates every metric rule whose period ended since its last evaluation, then
    /// every composite; returns every alarm state (changed or not), sorted by key.
    public func evaluate(state: inout EvaluatorState, now: Date) -> [AlarmGroupStatus] {
        var statuses: [AlarmInstanceKey: AlarmGroupStatus] = [:]
        var statesByRule: [String: [AlarmState]] = [:]
        for (definition, rule) in rules.metricRules {
            for status in evaluate(definition.name, rule: rule, state: &state, now: now) {
                statuses[status.key] = status
                statesByRule[definition.name, default: []].append(status.state)
            }
        }
        trimHistories(&state)

        var ruleStates: [String: AlarmState] = [:]
        for (definition, _) in rules.metricRules {
            let states = statesByRule[definition.name] ?? []
            let aggregate: AlarmState = states.contains(.alarm) ? .alarm : states.contains(.ok) ? .ok : .insufficientData
            ruleStates[definition.name] = aggregate
            noteRuleState(definition.name, aggregate, now: now, state: &state)
        }
        let evaluated = rules.composites.evaluate(states: ruleStates)
        for name in rules.composites.evaluationOrder {
            guard let definition = rules.byName[name], let composite = definition.compositeRule, let newState = evaluated[name] else { continue }
            let key = AlarmInstanceKey(ruleName: name)
            let previous = state.groups[key] ?? AlarmGroupState(since: now)
            var current = previous
            if newState != previous.state {
                current.enteredFrom = previous.state
                current.state = newState
                current.since = now
                current.reason = compositeReason(composite, states: evaluated)
            }
            state.groups[key] = current
            noteRuleState(name, newState, now: now, state: &state)
            var suppressed = false
            if let suppressor = composite.suppressor {
                suppressed = suppressor.suppression(
                    compositeChangedAt: current.since,
                    suppressorHistory: state.ruleHistory[suppressor.alarm.alarmName] ?? [],
                    now: now
                ).isSuppressed
            }
            statuses[key] = AlarmGroupStatus(
                key: key, state: current.state, previousState: previous.state, since: current.since, reason: current.reason,
                changed: current.state != previous.state, actionsSuppressed: suppressed, enteredFrom: current.enteredFrom
            )
        }
        return statuses.values.sorted { $0.key < $1.key }
    }

    private func evaluate(_ name: String, rule: MetricRule, state: inout EvaluatorState, now: Date) -> [AlarmGroupStatus] {
        let period = rule.periodSeconds
        let end = evaluationEnd(periodSeconds: period, now: now)
        let slotCount = EvaluationRange.slotCount(evaluationPeriods: rule.configuration.evaluationPeriods)
        var statuses: [AlarmGroupStatus] = []
        let discovered = discoveredGroups(of: name, rule: rule, state: state)
        for (key, members) in groups(of: name, rule: rule, state: state) {
            let previous = state.groups[key] ?? AlarmGroupState(since: now)
            var current = previous
            if previous.evaluatedThrough != end {
                let requests = AlarmRuleSet.requests(for: rule, members: members)
                let values: [Double?] = (0..<slotCount).map { index in
                    let slot = end - (slotCount - index) * period
                    return value(rule: rule, requests: requests, slot: slot, state: state)
                }
                let range = EvaluationRange(values: values, newestTimestamp: Date(timeIntervalSince1970: Double(end - period)))
                let evaluation = MetricAlarmEvaluator.evaluate(range, configuration: rule.configuration, currentState: previous.state)
                if evaluation.state != previous.state {
                    current.enteredFrom = previous.state
                    current.state = evaluation.state
                    current.since = now
                }
                if let reason = evaluation.reason { current.reason = reason }
                current.evaluatedThrough = end
                if let newest = range.values.last(where: { $0 != nil }) ?? nil {
                    current.latestValue = newest
                    current.lastData = now
                }
            }
            // A group CloudWatch no longer lists and that has had no data for the rule's
            // `forget_after` is gone (a scaled-in instance), not failing.
            let silentSince = current.lastData ?? current.since
            if discovered[key] == nil, !key.group.isEmpty, now.timeIntervalSince(silentSince) >= Double(rule.forgetAfterSeconds) {
                state.groups[key] = nil
                continue
            }
            state.groups[key] = current
            statuses.append(AlarmGroupStatus(
                key: key, state: current.state, previousState: previous.state, since: current.since, reason: current.reason,
                changed: current.state != previous.state, latestValue: current.latestValue, enteredFrom: current.enteredFrom
            ))
        }
        return statuses
    }

    /// One value for one period of a group: each metric's series combined by `across`,
    /// then the expression (or the one metric).
    private func value(rule: MetricRule, requests: [String: [SeriesRequest]], slot: Int, state: EvaluatorState) -> Double? {
        func metricValue(_ id: String) -> Double? {
            let values = (requests[id] ?? []).compactMap { state.series[$0]?.value(at: slot) }
            return rule.across.combine(values)
        }
        if let expression = rule.expression { return expression.value(metricValue) }
        return rule.metrics.first.flatMap { metricValue($0.id) }
    }

    /// The groups CloudWatch lists now, plus groups with a state that it no longer lists
    /// (they keep being evaluated, with no data, until forgotten). A rule that matches
    /// nothing has one group without dimensions when it is not fanned out, or when it is
    /// a dead-man rule (so that "nothing reports at all" fires).
    private func groups(of name: String, rule: MetricRule, state: EvaluatorState) -> [AlarmInstanceKey: SeriesGrouping.Members] {
        var groups = discoveredGroups(of: name, rule: rule, state: state)
        for key in state.groups.keys where key.ruleName == name && groups[key] == nil {
            groups[key] = [:]
        }
        if groups.isEmpty, rule.groupBy.isEmpty || rule.isDeadMan, state.discovered[name] != nil {
            groups[AlarmInstanceKey(ruleName: name)] = [:]
        }
        // The placeholder of a fanned-out dead-man rule goes once real groups report.
        if !rule.groupBy.isEmpty, groups.count > 1, groups[AlarmInstanceKey(ruleName: name)] != nil,
           state.groups[AlarmInstanceKey(ruleName: name)]?.state != .alarm {
            groups[AlarmInstanceKey(ruleName: name)] = nil
        }
        return groups
    }

    private func discoveredGroups(of name: String, rule: MetricRule, state: EvaluatorState) -> [AlarmInstanceKey: SeriesGrouping.Members] {
        groupingCache.groups(of: name, rule: rule, discovered: state.discovered[name])
    }

    private func noteRuleState(_ name: String, _ ruleState: AlarmState, now: Date, state: inout EvaluatorState) {
        var history = state.ruleHistory[name] ?? []
        guard history.last?.state != ruleState else { return }
        history.append(AlarmStateChange(state: ruleState, time: now))
        state.ruleHistory[name] = Array(history.suffix(EvaluatorState.ruleHistoryLimit))
    }

    /// Keeps each series' history to the longest range a rule reads it with, and drops
    /// series no rule reads any more.
    private func trimHistories(_ state: inout EvaluatorState) {
        var oldestNeeded: [SeriesRequest: Int] = [:]
        for (definition, rule) in rules.metricRules {
            let span = (EvaluationRange.slotCount(evaluationPeriods: rule.configuration.evaluationPeriods) + Self.rereadPeriods) * rule.periodSeconds
            for members in discoveredGroups(of: definition.name, rule: rule, state: state).values {
                for request in AlarmRuleSet.requests(for: rule, members: members).values.joined() {
                    let oldest = (state.series[request]?.readUntil ?? 0) - span
                    oldestNeeded[request] = min(oldestNeeded[request] ?? oldest, oldest)
                }
            }
        }
        state.series = state.series.filter { oldestNeeded[$0.key] != nil }
        for (request, oldest) in oldestNeeded where state.series[request] != nil {
            state.series[request]?.trim(before: oldest)
        }
    }

    private func compositeReason(_ composite: CompositeRule, states: [String: AlarmState]) -> String {
        let children = composite.rule.children.map { "\($0.alarmName) is \(states[$0.alarmName]?.rawValue ?? AlarmState.insufficientData.rawValue)" }
        return "Composite rule \(composite.text) evaluated with " + children.joined(separator: ", ")
    }
}
