import DruidWatchCore
import Testing

/// Every conformance vector of reference §1.5 (CloudWatch user guide, "How alarm state is
/// evaluated when data is missing"): both tables, all four treatments, from every prior
/// state, and the fills column.
@Suite struct MetricAlarmConformanceVectorTests {
    /// What a table cell says: a state, or "keep state".
    enum Expected: Sendable, CustomStringConvertible {
        case state(AlarmState)
        case keepState

        var description: String {
            switch self {
            case let .state(state): state.rawValue
            case .keepState: "keep state"
            }
        }
    }

    struct Row: Sendable, CustomStringConvertible {
        let m: Int
        let range: String
        let fills: Int
        let missing: Expected
        let ignore: Expected
        let breaching: Expected
        let notBreaching: Expected

        var description: String { "N=3 M=\(m) `\(range)`" }

        func expected(for treatment: TreatMissingData) -> Expected {
            switch treatment {
            case .missing: missing
            case .ignore: ignore
            case .breaching: breaching
            case .notBreaching: notBreaching
            }
        }
    }

    static let ok = Expected.state(.ok)
    static let alarm = Expected.state(.alarm)
    static let insufficient = Expected.state(.insufficientData)
    static let keep = Expected.keepState

    static let rows: [Row] = [
        // N = 3, M = 3
        Row(m: 3, range: "0 - X - X", fills: 0, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
        Row(m: 3, range: "0 - - - -", fills: 2, missing: ok, ignore: ok, breaching: ok, notBreaching: ok),
        Row(m: 3, range: "- - - - -", fills: 3, missing: insufficient, ignore: keep, breaching: alarm, notBreaching: ok),
        Row(m: 3, range: "0 X X - X", fills: 0, missing: alarm, ignore: alarm, breaching: alarm, notBreaching: alarm),
        Row(m: 3, range: "- - X - -", fills: 2, missing: alarm, ignore: keep, breaching: alarm, notBreaching: ok),
        // N = 3, M = 2
        Row(m: 2, range: "0 - X - X", fills: 0, missing: alarm, ignore: alarm, breaching: alarm, notBreaching: alarm),
        Row(m: 2, range: "0 0 X 0 X", fills: 0, missing: alarm, ignore: alarm, breaching: alarm, notBreaching: alarm),
        Row(m: 2, range: "0 - X - -", fills: 1, missing: ok, ignore: ok, breaching: alarm, notBreaching: ok),
        Row(m: 2, range: "- - - - 0", fills: 2, missing: ok, ignore: ok, breaching: alarm, notBreaching: ok),
        Row(m: 2, range: "- - - X -", fills: 2, missing: alarm, ignore: keep, breaching: alarm, notBreaching: ok),
    ]

    @Test(arguments: rows, TreatMissingData.allCases)
    func tableCell(row: Row, treatment: TreatMissingData) throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: row.m, treatMissingData: treatment)
        for prior in AlarmState.allCases {
            let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range(row.range), configuration: configuration, currentState: prior)
            switch row.expected(for: treatment) {
            case let .state(state):
                #expect(result.state == state, "\(row) \(treatment) from \(prior)")
            case .keepState:
                #expect(result.state == prior, "\(row) \(treatment) from \(prior)")
                #expect(result.decision == .keptByIgnore)
                #expect(result.reason == nil)
            }
            #expect(result.filledCount == row.fills, "\(row) \(treatment)")
            #expect(result.evaluatedDatapoints.count == 3, "\(row) \(treatment)")
        }
    }

    /// "`- - - - X` and `- - - X -` do not alarm when M = 3 (the next point might be OK),
    /// but `- - X - -` does."
    @Test(arguments: [
        ("- - - - X", AlarmState.ok, AlarmEvaluation.Decision.thresholdNotCrossed),
        ("- - - X -", .ok, .thresholdNotCrossed),
        ("- - X - -", .alarm, .breachingLongEnough),
    ])
    func prematureTransition(range: String, state: AlarmState, decision: AlarmEvaluation.Decision) throws {
        let configuration = try AlarmVectors.configuration(n: 3, m: 3)
        let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range(range), configuration: configuration, currentState: .ok)
        #expect(result.state == state)
        #expect(result.decision == decision)
    }

    /// The same rule for M of N: the breaching point must be M periods old, and a good
    /// point after it cancels it.
    @Test(arguments: [
        ("- - - - X - -", 4, 2, AlarmState.alarm), // 3 periods old, M = 2
        ("- - - - - X -", 4, 3, .ok),              // 2 periods old, M = 3
        ("- - - X - X -", 4, 3, .alarm),           // oldest breach 4 periods old, newer breach
        ("- - - X 0 - -", 4, 3, .ok),              // a good point after the breach
        ("X - - - - - -", 4, 3, .ok),              // the breach is older than the last N periods
    ])
    func prematureTransitionMOfN(range: String, n: Int, m: Int, state: AlarmState) throws {
        let configuration = try AlarmVectors.configuration(n: n, m: m)
        let result = MetricAlarmEvaluator.evaluate(AlarmVectors.range(range), configuration: configuration, currentState: .ok)
        #expect(result.state == state)
    }
}
