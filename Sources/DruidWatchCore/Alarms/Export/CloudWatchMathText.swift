import Foundation

/// A rule's metric-math expression as CloudWatch's `MetricDataQuery.Expression` text,
/// for a native metric-math alarm. The evaluator's grammar is CloudWatch's, with one
/// difference in reach: `MAX`, `MIN`, `SUM` and `AVG` of a list (`MAX([a, b])`,
/// period by period) are written here only over metric ids, the form CloudWatch
/// documents; a list holding numbers or sub-expressions is reported instead.
enum CloudWatchMathText {
    /// Why an expression cannot be written for CloudWatch.
    struct Unexpressible: Error, Sendable, Hashable {
        var reason: String
    }

    static func render(_ expression: MetricExpression) throws(Unexpressible) -> String {
        let text = try render(expression, top: true)
        guard text.count <= MetricExpression.maximumLength else {
            throw Unexpressible(reason: "the expression is \(text.count) characters long as CloudWatch text; at most \(MetricExpression.maximumLength)")
        }
        return text
    }

    private static func render(_ expression: MetricExpression, top: Bool) throws(Unexpressible) -> String {
        switch expression {
        case let .number(value):
            return value < 0 ? "(0 - \(number(-value)))" : number(value)
        case let .metric(id):
            return id
        case let .negate(inner):
            // Written as a subtraction: unambiguous whatever binds tighter in CloudWatch.
            return "(0 - \(try render(inner, top: false)))"
        case let .binary(op, left, right):
            let text = "\(try render(left, top: false)) \(op.rawValue) \(try render(right, top: false))"
            return top ? text : "(\(text))"
        case let .function(function, arguments):
            switch function {
            case .abs:
                return "ABS(\(try render(arguments[0], top: true)))"
            case .fill:
                return "FILL(\(try render(arguments[0], top: true)), \(try render(arguments[1], top: true)))"
            case .max, .min, .sum, .avg:
                var ids: [String] = []
                for argument in arguments {
                    guard case let .metric(id) = argument else {
                        throw Unexpressible(
                            reason: "\(function.rawValue)([...]) holds '\(argument)'; CloudWatch's list form is exported only over metric ids"
                        )
                    }
                    ids.append(id)
                }
                return "\(function.rawValue)([\(ids.joined(separator: ", "))])"
            }
        }
    }

    /// A finite number as plain decimal digits (no exponent): `100`, `0.5`, `1000000`.
    /// Also a valid JSON number, for `Threshold`.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return String(Int64(value))
        }
        let text = "\(value)"
        if !text.contains("e") { return text }
        return "\(Decimal(value))"
    }
}
