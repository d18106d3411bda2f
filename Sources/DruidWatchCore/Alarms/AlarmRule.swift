/// A composite alarm's `AlarmRule`, parsed: functions of child alarm states, TRUE/FALSE,
/// NOT, AND and OR. `AlarmRule.parse` reads CloudWatch's text form.
public indirect enum AlarmRule: Sendable, Hashable {
    /// `ALARM(x)`, `OK(x)`, `INSUFFICIENT_DATA(x)`: true when child `x` is in that state.
    case childIs(AlarmState, AlarmReference)
    case constant(Bool)
    case not(AlarmRule)
    case and(AlarmRule, AlarmRule)
    case or(AlarmRule, AlarmRule)

    /// Whether the rule holds for the children's states. A child with no known state counts
    /// as INSUFFICIENT_DATA, the state every CloudWatch alarm starts in.
    public func isSatisfied(childState: (AlarmReference) -> AlarmState?) -> Bool {
        switch self {
        case let .childIs(state, child): (childState(child) ?? .insufficientData) == state
        case let .constant(value): value
        case let .not(rule): !rule.isSatisfied(childState: childState)
        case let .and(left, right): left.isSatisfied(childState: childState) && right.isSatisfied(childState: childState)
        case let .or(left, right): left.isSatisfied(childState: childState) || right.isSatisfied(childState: childState)
        }
    }

    /// The composite's state: ALARM when the rule holds, OK otherwise.
    public func compositeState(childState: (AlarmReference) -> AlarmState?) -> AlarmState {
        isSatisfied(childState: childState) ? .alarm : .ok
    }

    /// The child alarms the rule names, each once (by alarm name), in order of appearance.
    public var children: [AlarmReference] {
        var seen = Set<String>()
        var result: [AlarmReference] = []
        func collect(_ rule: AlarmRule) {
            switch rule {
            case let .childIs(_, child):
                if seen.insert(child.alarmName).inserted { result.append(child) }
            case .constant:
                break
            case let .not(inner):
                collect(inner)
            case let .and(left, right), let .or(left, right):
                collect(left)
                collect(right)
            }
        }
        collect(self)
        return result
    }

    public static func parse(_ text: String) throws(AlarmRuleError) -> AlarmRule {
        var parser = AlarmRuleParser(text)
        return try parser.parseRule()
    }
}
