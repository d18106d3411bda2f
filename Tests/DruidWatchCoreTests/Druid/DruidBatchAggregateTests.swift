import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// Aggregating a batch by the raw bytes of its series must give exactly what mapping
/// every event to a sample and adding it one by one gives.
@Suite struct DruidBatchAggregateTests {
    let common = [MetricDimension("Cluster", "c"), MetricDimension("InstanceId", "i-1")]

    func eventByEvent(_ bodies: [[UInt8]], mapper: DruidEventMapper) -> [MetricDatum] {
        let inbox = AggregationInbox(aggregator: PeriodAggregator(periodSeconds: 60), commonDimensions: common)
        for body in bodies {
            var parser = DruidBatchParser()
            var samples: [Sample] = []
            _ = body.withUnsafeBytes { bytes in
                parser.parse(bytes, keeping: { mapper.keptDimensions(forMetric: $0) }, onMetric: { event in
                    if let sample = mapper.sample(from: event) { samples.append(sample) }
                }, onAlert: { _ in })
            }
            inbox.add(samples)
        }
        return inbox.drainAll()
    }

    func batchwise(_ bodies: [[UInt8]], mapper: DruidEventMapper) -> (datums: [MetricDatum], series: Int, unknown: Int) {
        let inbox = AggregationInbox(aggregator: PeriodAggregator(periodSeconds: 60), commonDimensions: common)
        var series = 0
        var unknown = 0
        for body in bodies {
            var parser = DruidBatchParser()
            let (batch, _) = body.withUnsafeBytes { parser.aggregate($0, mapper: mapper, periodSeconds: 60, onAlert: { _ in }) }
            series += batch.seriesCount
            unknown += batch.unknownMetrics
            inbox.add(batch)
        }
        return (inbox.drainAll(), series, unknown)
    }

    @Test(arguments: ["http-emitter-array.json", "http-emitter-newlines.txt", "http-emitter-only-events.txt"])
    func theSameDatumsAsEventByEvent(file: String) throws {
        let body = Array(try Data(contentsOf: Fixtures.url("druid/\(file)")))
        let mapper = DruidEventMapper(catalog: .druidStandard)
        let expected = eventByEvent([body, body], mapper: mapper)
        let actual = batchwise([body, body], mapper: mapper)
        #expect(actual.datums == expected)
        #expect(!expected.isEmpty)
        // 83 metric events per batch fold into far fewer series.
        #expect(actual.series / 2 < 50, "83 metric events per batch should fold into under 50 series")
    }

    @Test func unknownMetricsAreCountedOrKeptByPolicy() {
        let body = Array(#"[{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"s","metric":"x/y","value":1,"dataSource":"d"},{"feed":"metrics","timestamp":"2026-11-20T10:00:01Z","service":"s","metric":"x/y","value":2}]"#.utf8)
        let dropping = DruidEventMapper(catalog: .druidStandard)
        #expect(batchwise([body], mapper: dropping).unknown == 2)
        #expect(batchwise([body], mapper: dropping).datums.isEmpty)
        let keeping = DruidEventMapper(catalog: .druidStandard, unknownMetrics: .keepServiceOnly)
        #expect(batchwise([body], mapper: keeping).datums == eventByEvent([body], mapper: keeping))
        #expect(batchwise([body], mapper: keeping).datums.count == 1)
    }

    @Test func differentDimensionValuesAndPeriodsAreDifferentSeries() {
        func event(_ dataSource: String, _ time: String, _ value: Int) -> String {
            #"{"feed":"metrics","timestamp":"\#(time)","service":"druid/broker","metric":"query/time","value":\#(value),"dataSource":"\#(dataSource)","type":"scan"}"#
        }
        let body = Array("[\(event("a", "2026-11-20T10:00:00Z", 1)),\(event("b", "2026-11-20T10:00:00Z", 2)),\(event("a", "2026-11-20T10:01:00Z", 3)),\(event("a", "2026-11-20T10:00:30Z", 4)),\(event("a\\u0062", "2026-11-20T10:00:00Z", 5))]".utf8)
        let mapper = DruidEventMapper(catalog: .druidStandard)
        let result = batchwise([body], mapper: mapper)
        #expect(result.datums == eventByEvent([body], mapper: mapper))
        // a@10:00 (1, 4), b@10:00 (2 and the escaped "ab"? no: "a\u0062" is "ab"), a@10:01
        #expect(result.datums.count == 4)
    }

    /// The builder looks first where a metric's kept dimension was last found; events
    /// that put their dimensions in another order, or spell a key with an escape, or
    /// carry more dimensions than the token list starts with, must fold the same.
    @Test func dimensionsInAnyOrderSpellingOrNumberFoldTheSame() {
        let many = (0..<40).map { #""extra\#($0)":"v\#($0)""# }.joined(separator: ",")
        let events = [
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","metric":"query/time","value":1,"dataSource":"a","type":"scan"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:01Z","service":"druid/broker","metric":"query/time","value":2,"type":"scan","dataSource":"a"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:02Z","service":"druid/broker","metric":"query/time","value":3,"type":"scan","dataSource":"a"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:03Z","service":"druid/broker","metric":"query/time","value":4,"data":{"x":1},"dataSource":"a","type":"scan"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:04Z","service":"druid/broker","metric":"query/time","value":5,\#(many),"type":"scan","dataSource":"a"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:05Z","service":"druid/broker","metric":"query/time","value":6,"type":"scan"}"#,
            #"{"feed":"metrics","timestamp":"2026-11-20T10:00:06Z","service":"druid/broker","metric":"query/time","value":7,"dataSource":"a","type":"scan"}"#,
        ]
        let body = Array("[\(events.joined(separator: ","))]".utf8)
        let mapper = DruidEventMapper(catalog: .druidStandard)
        let result = batchwise([body], mapper: mapper)
        #expect(result.datums == eventByEvent([body], mapper: mapper))
        // One series for dataSource a, type scan (values 1-5 and 7), one without a dataSource (6).
        #expect(Set(result.datums.map(\.dimensions)).count == 2)
    }

    /// Periods before 1970 start at the negative multiple below, as in `PeriodAggregator`.
    @Test func timestampsBefore1970FoldIntoTheSamePeriodsAsEventByEvent() {
        let body = Array(#"[{"feed":"metrics","timestamp":"1969-12-31T23:59:30Z","service":"s","metric":"query/count","value":1},{"feed":"metrics","timestamp":"1969-12-31T23:59:59.5Z","service":"s","metric":"query/count","value":2},{"feed":"metrics","timestamp":"1970-01-01T00:00:00Z","service":"s","metric":"query/count","value":4}]"#.utf8)
        let mapper = DruidEventMapper(catalog: .druidStandard)
        let result = batchwise([body], mapper: mapper)
        #expect(result.datums == eventByEvent([body], mapper: mapper))
        #expect(result.series == 2)
    }
}
