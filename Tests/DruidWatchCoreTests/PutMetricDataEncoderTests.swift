import DruidWatchCore
import Foundation
import Testing

@Suite struct PutMetricDataEncoderTests {
    let timestamp = Date(timeIntervalSince1970: 1_764_064_800)  // 2025-11-25T10:00:00Z

    private func parameters(_ datums: [MetricDatum]) -> [String: String] {
        Dictionary(PutMetricDataEncoder.parameters(namespace: "Druid", datums: datums), uniquingKeysWith: { first, _ in first })
    }

    @Test func singleValueWithDimensionsUnitAndResolution() {
        let datum = MetricDatum(
            metricName: "query/time",
            dimensions: [MetricDimension("Cluster", "prod"), MetricDimension("Service", "druid/broker")],
            timestamp: timestamp,
            value: .single(42.5),
            unit: .milliseconds,
            storageResolution: 1
        )
        let encoded = parameters([datum])
        #expect(encoded["Action"] == "PutMetricData")
        #expect(encoded["Version"] == "2010-08-01")
        #expect(encoded["Namespace"] == "Druid")
        #expect(encoded["MetricData.member.1.MetricName"] == "query/time")
        #expect(encoded["MetricData.member.1.Dimensions.member.1.Name"] == "Cluster")
        #expect(encoded["MetricData.member.1.Dimensions.member.1.Value"] == "prod")
        #expect(encoded["MetricData.member.1.Dimensions.member.2.Name"] == "Service")
        #expect(encoded["MetricData.member.1.Dimensions.member.2.Value"] == "druid/broker")
        #expect(encoded["MetricData.member.1.Value"] == "42.5")
        #expect(encoded["MetricData.member.1.Unit"] == "Milliseconds")
        #expect(encoded["MetricData.member.1.StorageResolution"] == "1")
        #expect(encoded["MetricData.member.1.Timestamp"] == "2025-11-25T10:00:00.000Z")
    }

    /// CloudWatch treats dimensions as a set; one order on the wire for writes and reads
    /// alike (moto compares them as ordered lists).
    @Test func dimensionsGoOnTheWireInNameOrderForWritesAndReads() {
        let dimensions = [MetricDimension("Tier", "data"), MetricDimension("Cluster", "prod"), MetricDimension("InstanceId", "i-1")]
        let datum = MetricDatum(metricName: "m", dimensions: dimensions, timestamp: timestamp, value: .single(1), unit: .count)
        let written = PutMetricDataEncoder.parameters(namespace: "Druid", datums: [datum]).filter { $0.0.hasSuffix(".Name") && $0.0.contains("Dimensions") }
        #expect(written.map(\.1) == ["Cluster", "InstanceId", "Tier"])
        let query = MetricDataQuery(id: "q", source: .metric(MetricIdentity(namespace: "Druid", metricName: "m", dimensions: dimensions), periodSeconds: 60, stat: "Sum", unit: nil))
        let read = CloudWatchReadEncoder.getMetricData(queries: [query], start: timestamp, end: timestamp.addingTimeInterval(60), nextToken: nil)
            .filter { $0.0.hasSuffix(".Name") && $0.0.contains("Dimensions") }
        #expect(read.map(\.1) == ["Cluster", "InstanceId", "Tier"])
    }

    @Test func statisticValues() {
        let datum = MetricDatum(
            metricName: "cpu_usage_active", dimensions: [], timestamp: timestamp,
            value: .statistics(StatisticSet(sampleCount: 6, sum: 120.5, minimum: 3, maximum: 55.25)),
            unit: .percent
        )
        let encoded = parameters([datum])
        #expect(encoded["MetricData.member.1.StatisticValues.SampleCount"] == "6")
        #expect(encoded["MetricData.member.1.StatisticValues.Sum"] == "120.5")
        #expect(encoded["MetricData.member.1.StatisticValues.Minimum"] == "3")
        #expect(encoded["MetricData.member.1.StatisticValues.Maximum"] == "55.25")
        #expect(encoded["MetricData.member.1.Value"] == nil)
        #expect(encoded["MetricData.member.1.StorageResolution"] == "60")
    }

    @Test func valuesAndCounts() {
        let datum = MetricDatum(
            metricName: "query/time", dimensions: [], timestamp: timestamp,
            value: .distribution(values: [10, 200], counts: [9, 1]), unit: .milliseconds
        )
        let encoded = parameters([datum])
        #expect(encoded["MetricData.member.1.Values.member.1"] == "10")
        #expect(encoded["MetricData.member.1.Values.member.2"] == "200")
        #expect(encoded["MetricData.member.1.Counts.member.1"] == "9")
        #expect(encoded["MetricData.member.1.Counts.member.2"] == "1")
    }

    @Test func severalDatumsAreNumberedFromOne() {
        let datums = (0..<3).map { MetricDatum(metricName: "m\($0)", dimensions: [], timestamp: timestamp, value: .single(Double($0)), unit: .count) }
        let encoded = parameters(datums)
        #expect(encoded["MetricData.member.1.MetricName"] == "m0")
        #expect(encoded["MetricData.member.3.MetricName"] == "m2")
        #expect(encoded["MetricData.member.4.MetricName"] == nil)
    }

    @Test func bodyEscapesReservedCharactersAsSigV4Expects() {
        let datum = MetricDatum(
            metricName: "segment/unavailable/count",
            dimensions: [MetricDimension("dataSource", "wiki edits & more=1")],
            timestamp: timestamp, value: .single(1), unit: .count
        )
        let body = PutMetricDataEncoder.body(namespace: "AWSSolutions/Druid", datums: [datum])
        #expect(body.hasPrefix("Action=PutMetricData&Version=2010-08-01&Namespace=AWSSolutions%2FDruid&"))
        #expect(body.contains("MetricData.member.1.MetricName=segment%2Funavailable%2Fcount"))
        #expect(body.contains("MetricData.member.1.Dimensions.member.1.Value=wiki%20edits%20%26%20more%3D1"))
        #expect(body.contains("Timestamp=2025-11-25T10%3A00%3A00.000Z"))
        #expect(!body.contains("+"))
    }

    @Test(arguments: [
        (0.1, "0.1"), (1e-05, "1e-05"), (100, "100"), (-3, "-3"), (12345.678, "12345.678"), (1e300, "1e+300"),
    ])
    func numbersRoundTrip(value: Double, text: String) {
        #expect(QueryFormEncoding.number(value) == text)
        #expect(Double(QueryFormEncoding.number(value)) == value)
    }
}
