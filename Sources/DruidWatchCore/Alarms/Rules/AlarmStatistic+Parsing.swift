extension AlarmStatistic {
    /// Reads a statistic as PutMetricAlarm spells it: one of the five plain statistics, or
    /// an extended one: a percentile `p99`/`p99.9`, a trimmed or windsorized statistic
    /// with one bound (`tm90`, `tc90`, `ts90`, `wm90`), or `IQM`. nil for anything else.
    public init?(parsing text: String) {
        switch text {
        case "SampleCount": self = .sampleCount
        case "Average": self = .average
        case "Sum": self = .sum
        case "Minimum": self = .minimum
        case "Maximum": self = .maximum
        case "IQM": self = .extended(text)
        default:
            let prefixes = ["p", "tm", "tc", "ts", "wm"]
            guard let prefix = prefixes.first(where: { text.hasPrefix($0) }),
                  Self.isPercentage(text.dropFirst(prefix.count)) else { return nil }
            self = .extended(text)
        }
    }

    /// 0–100 with at most two digits before the point and ten after it (`99`, `99.99`, `100`).
    private static func isPercentage(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, (1...3).contains(whole.count),
              whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber) else { return false }
        if parts.count == 2 {
            guard (1...10).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        }
        guard let value = Double(text) else { return false }
        return value >= 0 && value <= 100
    }

    /// What GetMetricData's `Stat` takes: the same spelling.
    public var stat: String { name }
}
