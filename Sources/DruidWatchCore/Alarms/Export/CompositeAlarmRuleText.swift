/// A composite rule's `AlarmRule` written back as CloudWatch text, every child by its
/// alarm name in double quotes (an ARN written in the rule becomes the name of the
/// alarm it points at, which the template creates alongside), fully parenthesized so
/// that nothing rests on AND/OR precedence.
enum CompositeAlarmRuleText {
    static func render(_ rule: AlarmRule) -> String {
        render(rule, top: true)
    }

    private static func render(_ rule: AlarmRule, top: Bool) -> String {
        switch rule {
        case let .childIs(state, child):
            return "\(state.rawValue)(\"\(child.alarmName)\")"
        case let .constant(value):
            return value ? "TRUE" : "FALSE"
        case let .not(inner):
            return "NOT \(render(inner, top: false))"
        case let .and(left, right):
            let text = "\(render(left, top: false)) AND \(render(right, top: false))"
            return top ? text : "(\(text))"
        case let .or(left, right):
            let text = "\(render(left, top: false)) OR \(render(right, top: false))"
            return top ? text : "(\(text))"
        }
    }
}
