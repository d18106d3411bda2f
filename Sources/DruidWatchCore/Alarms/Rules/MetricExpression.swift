import Foundation

/// A metric-math expression over a rule's metric ids, in CloudWatch's syntax, evaluated
/// one period at a time: numbers, ids, `+ - * / ^`, comparisons (1 or 0), `AND`/`&&`,
/// `OR`/`||`, parentheses, `ABS(x)`, `FILL(x, value)`, and `MAX`/`MIN`/`SUM`/`AVG` of a
/// list `[a, b]`.
///
/// The evaluator computes expressions itself rather than sending them to CloudWatch, so
/// that the metrics are fetched (and billed) once even when several rules share them,
/// and so that the agents' direct feed can be evaluated the same way.
public indirect enum MetricExpression: Sendable, Hashable, CustomStringConvertible {
    case number(Double)
    case metric(String)
    case negate(MetricExpression)
    case binary(BinaryOperator, MetricExpression, MetricExpression)
    case function(Function, [MetricExpression])

    public enum BinaryOperator: String, Sendable, Hashable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case and = "AND", or = "OR"
    }

    public enum Function: String, Sendable, Hashable, CaseIterable {
        case abs = "ABS", fill = "FILL", max = "MAX", min = "MIN", sum = "SUM", avg = "AVG"
    }

    public static let maximumLength = 2048

    public static func parse(_ text: String) throws(MetricExpressionError) -> MetricExpression {
        guard text.count <= maximumLength else { throw .tooLong(text.count) }
        var parser = MetricExpressionParser(text)
        return try parser.parseExpression()
    }

    /// The ids the expression reads, each once, in order of appearance.
    public var metricIDs: [String] {
        var ids: [String] = []
        func collect(_ expression: MetricExpression) {
            switch expression {
            case .number: break
            case let .metric(id): if !ids.contains(id) { ids.append(id) }
            case let .negate(inner): collect(inner)
            case let .binary(_, left, right): collect(left); collect(right)
            case let .function(_, arguments): arguments.forEach(collect)
            }
        }
        collect(self)
        return ids
    }

    /// The value for one period; nil when an id it needs has none, or on a division by
    /// zero (CloudWatch leaves such a period out of the result).
    public func value(_ valueOf: (String) -> Double?) -> Double? {
        switch self {
        case let .number(number):
            return number
        case let .metric(id):
            return valueOf(id)
        case let .negate(inner):
            return inner.value(valueOf).map { -$0 }
        case let .binary(op, left, right):
            guard let a = left.value(valueOf), let b = right.value(valueOf) else { return nil }
            return Self.apply(op, a, b)
        case let .function(function, arguments):
            switch function {
            case .abs:
                return arguments.first?.value(valueOf).map(Swift.abs)
            case .fill:
                return arguments.first?.value(valueOf) ?? arguments.last?.value(valueOf)
            case .max, .min, .sum, .avg:
                let values = arguments.compactMap { $0.value(valueOf) }
                guard !values.isEmpty else { return nil }
                switch function {
                case .max: return values.max()
                case .min: return values.min()
                case .sum: return values.reduce(0, +)
                default: return values.reduce(0, +) / Double(values.count)
                }
            }
        }
    }

    private static func apply(_ op: BinaryOperator, _ a: Double, _ b: Double) -> Double? {
        let result: Double
        switch op {
        case .add: result = a + b
        case .subtract: result = a - b
        case .multiply: result = a * b
        case .divide: guard b != 0 else { return nil }; result = a / b
        case .power: result = pow(a, b)
        case .equal: result = a == b ? 1 : 0
        case .notEqual: result = a != b ? 1 : 0
        case .less: result = a < b ? 1 : 0
        case .lessOrEqual: result = a <= b ? 1 : 0
        case .greater: result = a > b ? 1 : 0
        case .greaterOrEqual: result = a >= b ? 1 : 0
        case .and: result = a != 0 && b != 0 ? 1 : 0
        case .or: result = a != 0 || b != 0 ? 1 : 0
        }
        return result.isFinite ? result : nil
    }

    public var description: String {
        switch self {
        case let .number(number): CloudWatchNumberText.format(number)
        case let .metric(id): id
        case let .negate(inner): "-\(inner)"
        case let .binary(op, left, right): "(\(left) \(op.rawValue) \(right))"
        case let .function(function, arguments) where function == .abs || function == .fill:
            "\(function.rawValue)(\(arguments.map(\.description).joined(separator: ", ")))"
        case let .function(function, arguments):
            "\(function.rawValue)([\(arguments.map(\.description).joined(separator: ", "))])"
        }
    }
}

public enum MetricExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    case tooLong(Int)
    case unexpected(found: String, expected: String, offset: Int)
    case unknownFunction(String, offset: Int)
    case wrongArguments(function: String, expected: String, offset: Int)

    public var description: String {
        switch self {
        case let .tooLong(count):
            "the expression is \(count) characters long; CloudWatch accepts at most \(MetricExpression.maximumLength)"
        case let .unexpected(found, expected, offset):
            "at character \(offset + 1): expected \(expected), found \(found)"
        case let .unknownFunction(name, offset):
            "at character \(offset + 1): unknown function \(name); supported: "
                + MetricExpression.Function.allCases.map(\.rawValue).joined(separator: ", ")
        case let .wrongArguments(function, expected, offset):
            "at character \(offset + 1): \(function) takes \(expected)"
        }
    }
}
