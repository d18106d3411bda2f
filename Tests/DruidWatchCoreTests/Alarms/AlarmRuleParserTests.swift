import DruidWatchCore
import Testing

/// The composite `AlarmRule` grammar (reference §1.8): what it reads, how it binds, what
/// it refuses and where.
@Suite struct AlarmRuleParserTests {
    private func child(_ state: AlarmState, _ name: String) -> AlarmRule { .childIs(state, AlarmReference(name)) }

    @Test func readsAWSsExamples() throws {
        #expect(try AlarmRule.parse("ALARM(A) AND ALARM(B)") == .and(child(.alarm, "A"), child(.alarm, "B")))
        #expect(try AlarmRule.parse("ALARM(CPU) AND NOT ALARM(DeploymentInProgress)")
            == .and(child(.alarm, "CPU"), .not(child(.alarm, "DeploymentInProgress"))))
        #expect(try AlarmRule.parse("(ALARM(A) OR ALARM(B)) AND OK(C)")
            == .and(.or(child(.alarm, "A"), child(.alarm, "B")), child(.ok, "C")))
        #expect(try AlarmRule.parse("INSUFFICIENT_DATA(x) OR TRUE OR FALSE")
            == .or(.or(child(.insufficientData, "x"), .constant(true)), .constant(false)))
    }

    @Test func namesMayBeQuotedOrBeARNs() throws {
        let arn = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu high (prod)"
        let rule = try AlarmRule.parse("ALARM(\"\(arn)\") OR OK( spaced name  )")
        #expect(rule == .or(child(.alarm, arn), child(.ok, "spaced name")))
        #expect(rule.children.map(\.alarmName) == ["cpu high (prod)", "spaced name"])
        // A name and the ARN of the same alarm are one child.
        let both = try AlarmRule.parse("ALARM(cpu) AND OK(\"arn:aws:cloudwatch:eu-west-1:1:alarm:cpu\")")
        #expect(both.children.count == 1)
    }

    @Test(arguments: [
        // NOT binds tighter than AND, AND tighter than OR.
        ("ALARM(a) OR ALARM(b) AND ALARM(c)", [("a", AlarmState.alarm), ("b", .ok), ("c", .ok)], true),
        ("(ALARM(a) OR ALARM(b)) AND ALARM(c)", [("a", .alarm), ("b", .ok), ("c", .ok)], false),
        ("NOT ALARM(a) AND ALARM(b)", [("a", .alarm), ("b", .ok)], false),
        ("NOT (ALARM(a) AND ALARM(b))", [("a", .alarm), ("b", .ok)], true),
        ("NOT NOT ALARM(a)", [("a", .alarm)], true),
        ("((((ALARM(a)))))", [("a", .alarm)], true),
        ("OK(a) OR INSUFFICIENT_DATA(missing)", [("a", .alarm)], true), // an unknown child is INSUFFICIENT_DATA
        ("ALARM(a)AND(OK(b))", [("a", .alarm), ("b", .ok)], true),
    ])
    func precedenceAndEvaluation(text: String, states: [(String, AlarmState)], expected: Bool) throws {
        let known = Dictionary(uniqueKeysWithValues: states)
        let rule = try AlarmRule.parse(text)
        #expect(rule.isSatisfied { known[$0.alarmName] } == expected)
        #expect(rule.compositeState { known[$0.alarmName] } == (expected ? .alarm : .ok))
    }

    @Test(arguments: [
        ("", nil, "the rule is empty"),
        ("   ", 4, "the rule ended where"),
        ("ALARM(a) AND", 13, "the rule ended where"),
        ("alarm(a)", 1, "unknown word 'alarm'"),
        ("ALARM(a) XOR ALARM(b)", 10, "unexpected 'XOR': expected AND, OR or the end of the rule"),
        ("ALARM a", 7, "expected '(' after ALARM, found 'a'"),
        ("ALARM(a", 6, "ALARM( at position 6 has no closing ')'"),
        ("ALARM(\"a) OR OK(b)", 7, "the quoted alarm name has no closing '\"'"),
        ("ALARM(\"a\" x)", 11, "expected ')' after the quoted alarm name, found 'x'"),
        ("OK()", 4, "OK() names no alarm"),
        ("OK(\"\")", 4, "OK() names no alarm"),
        ("(ALARM(a) OR OK(b)", 19, "expected ')' to close the '(' at position 1, found the end of the rule"),
        ("ALARM(a))", 9, "unexpected ')'"),
        ("ALARM(a) AND AND OK(b)", 14, "unknown word 'AND'"),
        ("TRUE FALSE", 6, "unexpected 'FALSE'"),
        ("NOT", 4, "the rule ended where"),
    ] as [(String, Int?, String)])
    func badSyntaxIsReportedWithItsPosition(text: String, position: Int?, message: String) {
        do {
            _ = try AlarmRule.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.position == position, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func theLengthLimitIs10240Characters() throws {
        let filler = String(repeating: "x", count: 10_240 - "ALARM()".count)
        #expect(try AlarmRule.parse("ALARM(\(filler))").children.count == 1)
        #expect(throws: AlarmRuleError("the rule has 10241 characters: at most 10240", at: nil)) {
            try AlarmRule.parse("ALARM(\(filler)x)")
        }
    }

    @Test func atMost100ChildAlarms() throws {
        let hundred = (1...100).map { "ALARM(a\($0))" }.joined(separator: " OR ")
        #expect(try AlarmRule.parse(hundred).children.count == 100)
        // The same child again is not a new child.
        #expect(try AlarmRule.parse(hundred + " OR OK(a1)").children.count == 100)
        let text = hundred + " OR ALARM(a101)"
        do {
            _ = try AlarmRule.parse(text)
            Issue.record("101 children accepted")
        } catch {
            #expect(error.position == text.count - "ALARM(a101)".count + 1)
            #expect(error.message == "child alarm 101 (a101) exceeds the limit of 100 child alarms")
        }
    }

    @Test func atMost500Elements() throws {
        // 498 constants and one pair of parentheses: 500 elements.
        let constants = Array(repeating: "TRUE", count: 498).joined(separator: " AND ")
        #expect(try AlarmRule.parse("(\(constants))").isSatisfied { _ in nil })
        do {
            _ = try AlarmRule.parse("((\(constants)))")
            Issue.record("501 elements accepted")
        } catch {
            #expect(error.message.hasPrefix("element 501 exceeds the limit of 500 elements"))
            #expect(error.position == "((\(constants)".count + 1) // the first closing parenthesis
        }
    }

    @Test func thousandsOfNotsDoNotExhaustTheStack() throws {
        let nots = String(repeating: "NOT ", count: 2_000)
        #expect(try AlarmRule.parse(nots + "TRUE") == .constant(true))
        #expect(try AlarmRule.parse("NOT " + nots + "TRUE") == .not(.constant(true)))
    }

    @Test func errorsNameThePosition() {
        #expect(AlarmRuleError("unexpected ')'", at: 9).description == "alarm rule, position 9: unexpected ')'")
        #expect(AlarmRuleError("the rule is empty", at: nil).description == "alarm rule: the rule is empty")
    }
}
