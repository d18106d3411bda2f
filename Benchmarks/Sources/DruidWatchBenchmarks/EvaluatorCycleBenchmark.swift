import DruidWatchCore
import Foundation

/// CPU time of the evaluator's cycle over `EvaluatorWorkload` (200 rules, 5,000 series),
/// beside `NaiveEvaluator` on the same cycles: the states must agree, and the evaluator's
/// GetMetricData calls must be ceil(distinct due series / 500).
enum EvaluatorCycleBenchmark {
    struct Totals {
        var cycles = 0
        var cpuSeconds = 0.0
        var calls = 0
        var due = 0
    }

    /// The thread's CPU time, in seconds.
    static func cpuNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func run(minutes: Int) throws {
        let rules = try EvaluatorWorkload.rules()
        let evaluator = RuleSetEvaluator(rules: rules)
        var state = EvaluatorState()
        var naive = NaiveEvaluator(rules: rules)
        // 2026-01-01T00:00Z, a multiple of 300 s, plus the read delay: every period ends.
        let origin = 1_767_225_600 + evaluator.readDelaySeconds
        EvaluatorWorkload.discover(rules, into: &state, at: Date(timeIntervalSince1970: Double(origin)))

        // (minute cycles, five-minute cycles) for each side.
        var ours = [Totals(), Totals()], theirs = [Totals(), Totals()]
        var groups = 0, firing = 0, transitions = 0
        var previous: [AlarmInstanceKey: AlarmState] = [:]
        let warmUp = 10
        for minute in 0..<(warmUp + minutes) {
            let now = Date(timeIntervalSince1970: Double(origin + minute * 60))
            let kind = minute % 5 == 0 ? 1 : 0

            // The evaluator: plan, read (answers made up outside the timing), record, evaluate.
            var cpu = cpuNow()
            let due = evaluator.dueReads(state: state, now: now)
            let batches = MetricReadPlanner.batches(due)
            var spent = cpuNow() - cpu
            let answers = batches.map(EvaluatorWorkload.results(for:))
            cpu = cpuNow()
            for (batch, results) in zip(batches, answers) { RuleSetEvaluator.record(results, of: batch, into: &state) }
            let statuses = evaluator.evaluate(state: &state, now: now)
            spent += cpuNow() - cpu
            let expectedCalls = (due.count + MetricReadPlanner.maximumQueriesPerCall - 1) / MetricReadPlanner.maximumQueriesPerCall
            guard batches.count == expectedCalls else {
                fail("cycle \(minute): \(batches.count) GetMetricData calls for \(due.count) due series; expected \(expectedCalls)\n")
            }

            // The peer, on the same cycle.
            cpu = cpuNow()
            let reads = naive.plan(discovered: state.discovered, now: now)
            var peerSpent = cpuNow() - cpu
            let peerAnswers = NaiveEvaluator.answers(reads)
            cpu = cpuNow()
            let peerCalls = naive.apply(reads, answers: peerAnswers, discovered: state.discovered, now: now)
            peerSpent += cpuNow() - cpu

            let current = Dictionary(uniqueKeysWithValues: statuses.map { ($0.key, $0.state) })
            guard current == naive.states else {
                let differing = current.filter { naive.states[$0.key] != $0.value }.keys.sorted().prefix(3)
                fail("cycle \(minute): the peer's states differ from the evaluator's (\(current.count) vs \(naive.states.count) groups; e.g. \(differing))\n")
            }
            guard minute >= warmUp else { previous = current; continue }
            transitions += current.filter { previous[$0.key] != $0.value }.count
            previous = current
            groups = current.count
            firing = current.values.filter { $0 == .alarm }.count
            ours[kind].cycles += 1; ours[kind].cpuSeconds += spent; ours[kind].calls += batches.count; ours[kind].due += due.count
            theirs[kind].cycles += 1; theirs[kind].cpuSeconds += peerSpent; theirs[kind].calls += peerCalls; theirs[kind].due += reads.count
        }
        let distinct = Set(state.series.keys).count
        func line(_ side: String, _ totals: [Totals]) -> String {
            let parts = zip(["minute", "five_minute"], totals).map { name, t in
                let n = Double(max(1, t.cycles))
                return #""\#(name)": {"cycles": \#(t.cycles), "cpu_ms_per_cycle": \#(t.cpuSeconds * 1000 / n), "calls_per_cycle": \#(Double(t.calls) / n), "series_read_per_cycle": \#(Double(t.due) / n)}"#
            }
            let all = totals.reduce(Totals()) { Totals(cycles: $0.cycles + $1.cycles, cpuSeconds: $0.cpuSeconds + $1.cpuSeconds, calls: $0.calls + $1.calls, due: $0.due + $1.due) }
            let n = Double(max(1, all.cycles))
            return #"{"side": "\#(side)", "cpu_ms_per_cycle": \#(all.cpuSeconds * 1000 / n), "calls_per_cycle": \#(Double(all.calls) / n), "#
                + parts.joined(separator: ", ") + "}"
        }
        print(#"{"rules": \#(rules.metricRules.count), "distinct_series": \#(distinct), "groups": \#(groups), "firing": \#(firing), "transitions": \#(transitions), "measured_cycles": \#(minutes)}"#)
        print(line("druidwatch", ours))
        print(line("naive", theirs))
    }
}
