import DruidWatchCore
import Testing

/// Metric math as rules write it: CloudWatch's arithmetic, evaluated one period at a time.
@Suite struct MetricExpressionTests {
    private func value(_ text: String, _ values: [String: Double] = [:]) throws -> Double? {
        try MetricExpression.parse(text).value { values[$0] }
    }

    private func parseError(_ text: String) -> MetricExpressionError? {
        do {
            _ = try MetricExpression.parse(text)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Precedence and associativity

    @Test(arguments: [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("2 * 3 + 1", 7.0),
        ("10 - 4 - 3", 3.0),
        ("100 / 10 / 5", 2.0),
        ("2 ^ 3 ^ 2", 512.0),
        ("(2 ^ 3) ^ 2", 64.0),
        ("-2 ^ 2", -4.0),
        ("2 ^ -1", 0.5),
        ("2 * -3", -6.0),
        ("- -3", 3.0),
        ("-(1 + 2) * 2", -6.0),
        ("1e3 + 2.5", 1002.5),
        ("1e-2 * 100", 1.0),
        ("1 + 2 > 2", 1.0),
        ("3 <= 2", 0.0),
        ("2 == 2 AND 1 != 1", 0.0),
        ("2 == 2 OR 1 != 1", 1.0),
        ("1 < 2 && 3 >= 3", 1.0),
        ("0 || 0", 0.0),
    ])
    func numbersFollowCloudWatchPrecedence(text: String, expected: Double) throws {
        #expect(try value(text) == expected)
    }

    @Test func theParsedTreeShowsTheGrouping() throws {
        #expect(try MetricExpression.parse("1 + 2 * 3") == .binary(.add, .number(1), .binary(.multiply, .number(2), .number(3))))
        #expect(try MetricExpression.parse("2 ^ 3 ^ 2") == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
        #expect(try MetricExpression.parse("-a ^ 2") == .negate(.binary(.power, .metric("a"), .number(2))))
        #expect(try MetricExpression.parse("1 + 2 * 3").description == "(1.0 + (2.0 * 3.0))")
        #expect(try MetricExpression.parse("100*failed/total").description == "((100.0 * failed) / total)")
        #expect(try MetricExpression.parse("MAX([a, FILL(b, 0)])").description == "MAX([a, FILL(b, 0.0)])")
    }

    @Test func aWordOperatorDoesNotSwallowAnIDThatStartsWithIt() throws {
        // `ORDERS` is no id (upper case), but `ORx` must not be read as `OR x` either.
        #expect(try MetricExpression.parse("a AND andy") == .binary(.and, .metric("a"), .metric("andy")))
        #expect(parseError("a ORx") == .unexpected(found: "'O'", expected: "an operator or the end", offset: 2))
    }

    // MARK: Values

    @Test func idsReadTheirPeriodValue() throws {
        #expect(try value("100 * failed / total", ["failed": 5, "total": 200]) == 2.5)
        #expect(try value("ABS(a - 10)", ["a": 4]) == 6)
        #expect(try value("a_1 + b2", ["a_1": 1, "b2": 2]) == 3)
    }

    @Test func aMissingIDLeavesThePeriodWithoutValue() throws {
        #expect(try value("a + b", ["a": 1]) == nil)
        #expect(try value("ABS(b)", ["a": 1]) == nil)
        #expect(try value("-b") == nil)
        #expect(try value("b > 0 OR 1") == nil)
    }

    @Test func aDivisionByZeroLeavesThePeriodWithoutValue() throws {
        #expect(try value("a / b", ["a": 1, "b": 0]) == nil)
        #expect(try value("0 / 0") == nil)
        #expect(try value("1 / (a - a)", ["a": 3]) == nil)
        #expect(try value("0 / a", ["a": 3]) == 0)
    }

    @Test func anOverflowLeavesThePeriodWithoutValue() throws {
        #expect(try value("10 ^ 400") == nil)
    }

    @Test func fillGivesAMissingPeriodItsValue() throws {
        #expect(try value("FILL(a, 0)") == 0)
        #expect(try value("FILL(a, 0)", ["a": 7]) == 7)
        #expect(try value("FILL(a, 2.5) * 2") == 5)
        #expect(try value("100 * FILL(failed, 0) / total", ["total": 50]) == 0)
    }

    @Test func aNegativeFillValueIsANumber() throws {
        let filled = try value("FILL(a, -1)")
        #expect(filled == -1)
    }

    @Test func listFunctionsWorkPeriodByPeriodOverTheValuesPresent() throws {
        let values: [String: Double] = ["a": 2, "b": 6, "c": 1]
        #expect(try value("MAX([a, b, c])", values) == 6)
        #expect(try value("MIN([a, b, c])", values) == 1)
        #expect(try value("SUM([a, b, c])", values) == 9)
        #expect(try value("AVG([a, b, c])", values) == 3)
        #expect(try value("AVG([a, b + 2])", values) == 5)
        // An id without a value this period is left out; with none left, no value.
        #expect(try value("MAX([a, missing])", values) == 2)
        #expect(try value("AVG([a, missing])", values) == 2)
        #expect(try value("SUM([missing, other])", values) == nil)
    }

    @Test func metricIDsAreListedOnceInOrderOfAppearance() throws {
        #expect(try MetricExpression.parse("b + a * b / FILL(c, 0)").metricIDs == ["b", "a", "c"])
        #expect(try MetricExpression.parse("1 + 2").metricIDs == [])
    }

    // MARK: Errors

    @Test func errorsNameTheCharacterWhereParsingStopped() {
        #expect(parseError("1 +") == .unexpected(found: "the end", expected: "a number, a metric id, a function or (", offset: 3))
        #expect(parseError("(1 + 2") == .unexpected(found: "the end", expected: ")", offset: 6))
        #expect(parseError("a b") == .unexpected(found: "'b'", expected: "an operator or the end", offset: 2))
        #expect(parseError("a + * b") == .unexpected(found: "'*'", expected: "a number, a metric id, a function or (", offset: 4))
        #expect(parseError("") == .unexpected(found: "the end", expected: "a number, a metric id, a function or (", offset: 0))
        #expect(parseError("a = b") == .unexpected(found: "'='", expected: "an operator or the end", offset: 2))
        #expect(parseError("1 + 2 +")?.description == "at character 8: expected a number, a metric id, a function or (, found the end")
    }

    @Test func idsMustStartWithALowerCaseLetter() {
        #expect(parseError("1 + M1") == .unexpected(found: "'M'", expected: "a metric id (ids start with a lower-case letter)", offset: 4))
        #expect(parseError("Total") == .unexpected(found: "'T'", expected: "a metric id (ids start with a lower-case letter)", offset: 0))
        #expect(parseError("_a") == .unexpected(found: "'_'", expected: "a number, a metric id, a function or (", offset: 0))
    }

    @Test func anUnknownFunctionIsNamedWithTheSupportedOnes() {
        let error = parseError("a + LOG(b)")
        #expect(error == .unknownFunction("LOG", offset: 4))
        #expect(error?.description == "at character 5: unknown function LOG; supported: ABS, FILL, MAX, MIN, SUM, AVG")
        // Function names are upper case, as in CloudWatch.
        #expect(parseError("max([a, b])") == .unknownFunction("max", offset: 0))
    }

    @Test func functionsCheckTheirArguments() {
        #expect(parseError("MAX(a)") == .wrongArguments(function: "MAX", expected: "a list such as [m1, m2] (period by period)", offset: 0))
        #expect(parseError("1 + AVG([a, b)") == .wrongArguments(function: "AVG", expected: "a list such as [m1, m2] (period by period)", offset: 4))
        #expect(parseError("FILL(a)") == .wrongArguments(function: "FILL", expected: "an expression and a number: FILL(m1, 0)", offset: 0))
        #expect(parseError("FILL(a, b)") == .wrongArguments(function: "FILL", expected: "an expression and a number: FILL(m1, 0)", offset: 0))
        #expect(parseError("ABS(a, b)") == .wrongArguments(function: "ABS", expected: "one expression", offset: 0))
        #expect(parseError("ABS(a, b)")?.description == "at character 1: ABS takes one expression")
    }

    @Test func theLengthLimitIsCloudWatchs2048Characters() throws {
        let longest = String(repeating: "a", count: 2048)
        #expect(try MetricExpression.parse(longest) == .metric(longest))
        let sum = Array(repeating: "1", count: 1024).joined(separator: "+")  // 2047 characters
        #expect(try value(sum + " ") == 1024)
        let tooLong = String(repeating: "a", count: 2049)
        #expect(parseError(tooLong) == .tooLong(2049))
        #expect(parseError(tooLong)?.description == "the expression is 2049 characters long; CloudWatch accepts at most 2048")
    }
}
