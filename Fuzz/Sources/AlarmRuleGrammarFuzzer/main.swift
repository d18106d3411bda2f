import DruidWatchCore
import LibFuzzerDriver

// The composite `AlarmRule` grammar, and the metric-math expressions and statistics
// a rule file writes beside it. What parses is also evaluated, as the evaluator would.
LibFuzzer.run { body in
    let text = String(decoding: body, as: UTF8.self)
    if let rule = try? AlarmRule.parse(text) {
        _ = rule.children
        _ = rule.compositeState { _ in .alarm }
        _ = rule.compositeState { _ in nil }
    }
    if let expression = try? MetricExpression.parse(text) {
        _ = expression.metricIDs
        _ = expression.value { _ in 1.5 }
        _ = expression.description
    }
    _ = AlarmStatistic(parsing: text)
}
