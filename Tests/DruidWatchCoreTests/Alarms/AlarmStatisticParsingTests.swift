import DruidWatchCore
import Testing

/// Statistics as PutMetricAlarm spells them (reference §1.3).
@Suite struct AlarmStatisticParsingTests {
    @Test(arguments: [
        ("SampleCount", AlarmStatistic.sampleCount),
        ("Average", .average),
        ("Sum", .sum),
        ("Minimum", .minimum),
        ("Maximum", .maximum),
        ("p99", .extended("p99")),
        ("p99.9", .extended("p99.9")),
        ("p95.45", .extended("p95.45")),
        ("p100", .extended("p100")),
        ("p0", .extended("p0")),
        ("p0.0", .extended("p0.0")),
        ("p50", .extended("p50")),
        ("tm90", .extended("tm90")),
        ("tc90", .extended("tc90")),
        ("ts90", .extended("ts90")),
        ("wm90", .extended("wm90")),
        ("tm99.5", .extended("tm99.5")),
        ("IQM", .extended("IQM")),
    ])
    func valid(text: String, expected: AlarmStatistic) {
        #expect(AlarmStatistic(parsing: text) == expected)
        // The same spelling goes to GetMetricData's `Stat`.
        #expect(AlarmStatistic(parsing: text)?.stat == text)
    }

    @Test(arguments: [
        "p101", "p100.1", "p", "P99", "avg", "Avg", "average", "sum", "iqm", "", "p99.", "p.9", "p-1", "p 99", "tm", "tm101",
        "p99.12345678901", "pr99", "TM90", "p1000", "p٩٩",
    ])
    func invalid(text: String) {
        #expect(AlarmStatistic(parsing: text) == nil)
    }

    @Test func theKindOfStatisticDecidesTheAlarmJSONFields() {
        #expect(AlarmStatistic(parsing: "p99")?.statisticType == "ExtendedStatistic")
        #expect(AlarmStatistic(parsing: "p99")?.upperSnakeCaseName == nil)
        #expect(AlarmStatistic(parsing: "SampleCount")?.statisticType == "Statistic")
        #expect(AlarmStatistic(parsing: "SampleCount")?.upperSnakeCaseName == "SAMPLE_COUNT")
    }
}
