/// The statistic a metric alarm evaluates: one of CloudWatch's five plain statistics, or
/// an extended statistic such as `p99`. PutMetricAlarm takes exactly one of the two, and
/// the alarm JSON says which (`StatisticType`), so the choice is one value, not two
/// optionals that could both be set.
public enum AlarmStatistic: Sendable, Hashable {
    case sampleCount
    case average
    case sum
    case minimum
    case maximum
    /// A percentile or other extended statistic, as written: `p99`, `tm90`.
    case extended(String)

    /// The name as PutMetricAlarm and the e-mail text spell it: `Average`, `p99`.
    public var name: String {
        switch self {
        case .sampleCount: "SampleCount"
        case .average: "Average"
        case .sum: "Sum"
        case .minimum: "Minimum"
        case .maximum: "Maximum"
        case .extended(let name): name
        }
    }

    /// The alarm JSON's `StatisticType`.
    public var statisticType: String {
        if case .extended = self { return "ExtendedStatistic" }
        return "Statistic"
    }

    /// The alarm JSON's `Statistic` value: upper snake case (`SAMPLE_COUNT`), as
    /// CloudWatch serialises its Java enum; nil for an extended statistic, which the JSON
    /// carries verbatim under `ExtendedStatistic` instead.
    public var upperSnakeCaseName: String? {
        switch self {
        case .sampleCount: "SAMPLE_COUNT"
        case .average: "AVERAGE"
        case .sum: "SUM"
        case .minimum: "MINIMUM"
        case .maximum: "MAXIMUM"
        case .extended: nil
        }
    }
}
