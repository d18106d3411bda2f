/// Recursive-descent reader for CloudWatch's `AlarmRule` text (PutCompositeAlarm):
///
///     rule    := or
///     or      := and ("OR" and)*
///     and     := not ("AND" not)*
///     not     := "NOT"* primary
///     primary := "(" or ")" | "TRUE" | "FALSE" | state "(" child ")"
///     state   := "ALARM" | "OK" | "INSUFFICIENT_DATA"
///     child   := '"' any characters but '"' '"' | characters up to the next ')', trimmed
///
/// Precedence NOT > AND > OR. AWS documents the operators and that parentheses group,
/// but not their precedence; this is the usual Boolean order, and rules that need
/// another grouping say so with parentheses (AWS's own examples do).
/// Keywords are upper case, as in every AWS example; `alarm(x)` is an error rather than
/// a guess. Limits (CloudWatch's): 1–10,240 characters, at most 100 child alarms, at most
/// 500 elements, where an element is a child function, TRUE/FALSE, or a grouping
/// parenthesis (each of `(` and `)` counts one).
struct AlarmRuleParser {
    static let maximumLength = 10_240
    static let maximumChildren = 100
    static let maximumElements = 500

    private let characters: [Character]
    private var index = 0
    private var elements = 0
    private var childNames = Set<String>()

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func parseRule() throws(AlarmRuleError) -> AlarmRule {
        guard !characters.isEmpty else { throw AlarmRuleError("the rule is empty", at: nil) }
        guard characters.count <= Self.maximumLength else {
            throw AlarmRuleError("the rule has \(characters.count) characters: at most \(Self.maximumLength)", at: nil)
        }
        let rule = try parseOr()
        skipSpaces()
        if index < characters.count {
            throw AlarmRuleError("unexpected \(describeHere()): expected AND, OR or the end of the rule", at: index + 1)
        }
        return rule
    }

    private mutating func parseOr() throws(AlarmRuleError) -> AlarmRule {
        var rule = try parseAnd()
        while consumeKeyword("OR") {
            rule = .or(rule, try parseAnd())
        }
        return rule
    }

    private mutating func parseAnd() throws(AlarmRuleError) -> AlarmRule {
        var rule = try parseNot()
        while consumeKeyword("AND") {
            rule = .and(rule, try parseNot())
        }
        return rule
    }

    /// NOTs are counted in a loop, not by recursion, so that a rule of thousands of NOTs
    /// cannot exhaust the stack; two NOTs cancel.
    private mutating func parseNot() throws(AlarmRuleError) -> AlarmRule {
        var negations = 0
        while consumeKeyword("NOT") { negations += 1 }
        let rule = try parsePrimary()
        return negations % 2 == 1 ? .not(rule) : rule
    }

    private mutating func parsePrimary() throws(AlarmRuleError) -> AlarmRule {
        skipSpaces()
        let start = index
        guard index < characters.count else {
            throw AlarmRuleError("the rule ended where ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or '(' was expected", at: start + 1)
        }
        if characters[index] == "(" {
            try countElement(at: start)
            index += 1
            let inner = try parseOr()
            skipSpaces()
            guard index < characters.count, characters[index] == ")" else {
                throw AlarmRuleError("expected ')' to close the '(' at position \(start + 1), found \(describeHere())", at: index + 1)
            }
            try countElement(at: index)
            index += 1
            return inner
        }
        let word = readWord()
        switch word {
        case "TRUE", "FALSE":
            try countElement(at: start)
            return .constant(word == "TRUE")
        case "ALARM", "OK", "INSUFFICIENT_DATA":
            try countElement(at: start)
            let child = try parseChild(of: word)
            if childNames.insert(child.alarmName).inserted, childNames.count > Self.maximumChildren {
                throw AlarmRuleError("child alarm \(childNames.count) (\(child.alarmName)) exceeds the limit of \(Self.maximumChildren) child alarms", at: start + 1)
            }
            return .childIs(AlarmState(rawValue: word) ?? .insufficientData, child)
        case "":
            throw AlarmRuleError("unexpected \(describeHere()): expected ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or '('", at: start + 1)
        default:
            throw AlarmRuleError("unknown word '\(word)': expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or '(' (keywords are upper case)", at: start + 1)
        }
    }

    /// The `(child)` after a state function: a quoted name, or everything up to `)`.
    private mutating func parseChild(of function: String) throws(AlarmRuleError) -> AlarmReference {
        skipSpaces()
        guard index < characters.count, characters[index] == "(" else {
            throw AlarmRuleError("expected '(' after \(function), found \(describeHere())", at: index + 1)
        }
        let open = index
        index += 1
        skipSpaces()
        let nameStart = index
        var name: String
        if index < characters.count, characters[index] == "\"" {
            index += 1
            guard let close = characters[index...].firstIndex(of: "\"") else {
                throw AlarmRuleError("the quoted alarm name has no closing '\"'", at: nameStart + 1)
            }
            name = String(characters[index..<close])
            index = close + 1
            skipSpaces()
            guard index < characters.count, characters[index] == ")" else {
                throw AlarmRuleError("expected ')' after the quoted alarm name, found \(describeHere())", at: index + 1)
            }
        } else {
            guard let close = characters[index...].firstIndex(of: ")") else {
                throw AlarmRuleError("\(function)( at position \(open + 1) has no closing ')'", at: open + 1)
            }
            name = String(characters[index..<close])
            while name.last?.isWhitespace == true { name.removeLast() }
            index = close
        }
        index += 1 // the ')'
        guard !name.isEmpty else { throw AlarmRuleError("\(function)() names no alarm", at: nameStart + 1) }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AlarmRuleError("the alarm name contains a control character", at: nameStart + 1)
        }
        return AlarmReference(name)
    }

    private mutating func countElement(at position: Int) throws(AlarmRuleError) {
        elements += 1
        if elements > Self.maximumElements {
            throw AlarmRuleError("element \(elements) exceeds the limit of \(Self.maximumElements) elements (child alarms, TRUE/FALSE and parentheses)", at: position + 1)
        }
    }

    private mutating func consumeKeyword(_ keyword: String) -> Bool {
        skipSpaces()
        let start = index
        if readWord() == keyword { return true }
        index = start
        return false
    }

    private mutating func readWord() -> String {
        let start = index
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
            index += 1
        }
        return String(characters[start..<index])
    }

    private mutating func skipSpaces() {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
    }

    /// What stands at the current position, for an error message.
    private func describeHere() -> String {
        guard index < characters.count else { return "the end of the rule" }
        var copy = self
        let word = copy.readWord()
        return word.isEmpty ? "'\(characters[index])'" : "'\(word)'"
    }
}
