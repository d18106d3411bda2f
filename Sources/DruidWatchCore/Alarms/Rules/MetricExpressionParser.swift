/// Recursive descent over the metric-math grammar, loosest binding first:
/// OR, AND, comparisons, `+ -`, `* /`, unary minus, `^` (right-associative), primaries.
struct MetricExpressionParser {
    private let characters: [Character]
    private var position = 0

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func parseExpression() throws(MetricExpressionError) -> MetricExpression {
        let expression = try parseOr()
        skipSpace()
        guard position == characters.count else { throw unexpected("an operator or the end") }
        return expression
    }

    private mutating func parseOr() throws(MetricExpressionError) -> MetricExpression {
        var left = try parseAnd()
        while take("OR", word: true) || take("||") {
            left = .binary(.or, left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(MetricExpressionError) -> MetricExpression {
        var left = try parseComparison()
        while take("AND", word: true) || take("&&") {
            left = .binary(.and, left, try parseComparison())
        }
        return left
    }

    private mutating func parseComparison() throws(MetricExpressionError) -> MetricExpression {
        var left = try parseSum()
        while true {
            // Two-character operators first, so that `<=` is not read as `<`.
            let operators: [MetricExpression.BinaryOperator] = [.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
            guard let op = operators.first(where: { take($0.rawValue) }) else { return left }
            left = .binary(op, left, try parseSum())
        }
    }

    private mutating func parseSum() throws(MetricExpressionError) -> MetricExpression {
        var left = try parseProduct()
        while true {
            if take("+") { left = .binary(.add, left, try parseProduct()) }
            else if take("-") { left = .binary(.subtract, left, try parseProduct()) }
            else { return left }
        }
    }

    private mutating func parseProduct() throws(MetricExpressionError) -> MetricExpression {
        var left = try parseUnary()
        while true {
            if take("*") { left = .binary(.multiply, left, try parseUnary()) }
            else if take("/") { left = .binary(.divide, left, try parseUnary()) }
            else { return left }
        }
    }

    private mutating func parseUnary() throws(MetricExpressionError) -> MetricExpression {
        if take("-") { return .negate(try parseUnary()) }
        return try parsePower()
    }

    private mutating func parsePower() throws(MetricExpressionError) -> MetricExpression {
        let base = try parsePrimary()
        if take("^") { return .binary(.power, base, try parseUnary()) }
        return base
    }

    private mutating func parsePrimary() throws(MetricExpressionError) -> MetricExpression {
        skipSpace()
        guard position < characters.count else { throw unexpected("a number, a metric id, a function or (") }
        let start = position
        let character = characters[position]
        if take("(") {
            let inner = try parseOr()
            guard take(")") else { throw unexpected(")") }
            return inner
        }
        if character.isNumber || character == "." {
            while position < characters.count, characters[position].isNumber || characters[position] == "." || characters[position] == "e"
                || ((characters[position] == "-" || characters[position] == "+") && characters[position - 1] == "e") {
                position += 1
            }
            guard let number = Double(String(characters[start..<position])), number.isFinite else {
                position = start
                throw unexpected("a number")
            }
            return .number(number)
        }
        guard character.isLetter else { throw unexpected("a number, a metric id, a function or (") }
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
            position += 1
        }
        let word = String(characters[start..<position])
        guard take("(") else {
            guard word.first?.isLowercase == true else {
                position = start
                throw unexpected("a metric id (ids start with a lower-case letter)")
            }
            return .metric(word)
        }
        guard let function = MetricExpression.Function(rawValue: word) else { throw .unknownFunction(word, offset: start) }
        return try parseArguments(of: function, at: start)
    }

    private mutating func parseArguments(of function: MetricExpression.Function, at start: Int) throws(MetricExpressionError) -> MetricExpression {
        switch function {
        case .abs:
            let argument = try parseOr()
            guard take(")") else { throw .wrongArguments(function: "ABS", expected: "one expression", offset: start) }
            return .function(.abs, [argument])
        case .fill:
            let argument = try parseOr()
            guard take(",") else { throw .wrongArguments(function: "FILL", expected: "an expression and a number: FILL(m1, 0)", offset: start) }
            var fill = try parseOr()
            if case let .negate(.number(number)) = fill { fill = .number(-number) }
            guard case .number = fill, take(")") else {
                throw .wrongArguments(function: "FILL", expected: "an expression and a number: FILL(m1, 0)", offset: start)
            }
            return .function(.fill, [argument, fill])
        case .max, .min, .sum, .avg:
            // Over one series these return one number for the whole range, which CloudWatch
            // advises against in alarms; the list form works period by period.
            guard take("[") else {
                throw .wrongArguments(function: function.rawValue, expected: "a list such as [m1, m2] (period by period)", offset: start)
            }
            var arguments = [try parseOr()]
            while take(",") { arguments.append(try parseOr()) }
            guard take("]"), take(")") else {
                throw .wrongArguments(function: function.rawValue, expected: "a list such as [m1, m2] (period by period)", offset: start)
            }
            return .function(function, arguments)
        }
    }

    private mutating func skipSpace() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    /// Consumes `token` after any space; a `word` token must not run on into an id.
    private mutating func take(_ token: String, word: Bool = false) -> Bool {
        skipSpace()
        let tokenCharacters = Array(token)
        guard position + tokenCharacters.count <= characters.count,
              Array(characters[position..<position + tokenCharacters.count]) == tokenCharacters else { return false }
        let end = position + tokenCharacters.count
        if word, end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { return false }
        position = end
        return true
    }

    private func unexpected(_ expected: String) -> MetricExpressionError {
        let found = position < characters.count ? "'\(characters[position])'" : "the end"
        return .unexpected(found: found, expected: expected, offset: position)
    }
}
