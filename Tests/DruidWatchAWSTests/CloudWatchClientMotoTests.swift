import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// PutMetricData and the read calls against a real moto_server on loopback.
@Suite struct CloudWatchClientMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    private func client(_ moto: MotoServer) -> CloudWatchClient {
        CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
    }

    /// Recent, minute-aligned, so that CloudWatch's (and moto's) window accepts it.
    private var periodStart: Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: (now / 60).rounded(.down) * 60 - 120)
    }

    @Test func everyValueShapeRoundTrips() async throws {
        try await MotoServer.with { moto in
            let cloudWatch = client(moto)
            let start = periodStart
            let dimensions = [MetricDimension("Cluster", "itest"), MetricDimension("Host", "h1")]
            try await cloudWatch.putMetricData(namespace: "DruidTest", datums: [
                MetricDatum(metricName: "single", dimensions: dimensions, timestamp: start, value: .single(42), unit: .count),
                MetricDatum(metricName: "stats", dimensions: dimensions, timestamp: start,
                            value: .statistics(StatisticSet(sampleCount: 4, sum: 100, minimum: 5, maximum: 60)), unit: .percent),
                MetricDatum(metricName: "dist", dimensions: dimensions, timestamp: start,
                            value: .distribution(values: [10, 200], counts: [9, 1]), unit: .milliseconds),
            ])

            let listed = try await cloudWatch.listMetrics(namespace: "DruidTest")
            #expect(Set(listed.map(\.metricName)) == ["single", "stats", "dist"])
            #expect(listed.allSatisfy { Set($0.dimensions) == Set(dimensions) })

            func query(_ id: String, _ name: String, _ stat: String) -> MetricDataQuery {
                MetricDataQuery(id: id, source: .metric(MetricIdentity(namespace: "DruidTest", metricName: name, dimensions: dimensions), periodSeconds: 60, stat: stat, unit: nil))
            }
            let results = try await cloudWatch.getMetricData(
                queries: [
                    query("single_sum", "single", "Sum"),
                    query("stats_avg", "stats", "Average"), query("stats_max", "stats", "Maximum"), query("stats_n", "stats", "SampleCount"),
                    query("dist_avg", "dist", "Average"), query("dist_n", "dist", "SampleCount"),
                ],
                start: start.addingTimeInterval(-60), end: start.addingTimeInterval(120)
            )
            let values = Dictionary(uniqueKeysWithValues: results.map { ($0.id, $0.points.map(\.value)) })
            #expect(values["single_sum"] == [42])
            #expect(values["stats_avg"] == [25])
            #expect(values["stats_max"] == [60])
            #expect(values["stats_n"] == [4])
            #expect(values["dist_avg"] == [29])
            #expect(values["dist_n"] == [10])
            #expect(results.allSatisfy { $0.points.first?.timestamp == start })
        }
    }

    @Test func serviceErrorsAreTypedWithCodeAndMessage() async throws {
        try await MotoServer.with { moto in
            let cloudWatch = client(moto)
            // NaN is not a value CloudWatch (or moto) accepts; the encoder itself would write it.
            let datum = MetricDatum(metricName: "bad", dimensions: [], timestamp: periodStart, value: .single(.nan), unit: .count)
            do {
                try await cloudWatch.putMetricData(namespace: "DruidTest", datums: [datum])
                Issue.record("expected an error")
            } catch let AWSCallError.service(error) {
                #expect(error.httpStatus == 400)
                #expect(error.code == "InvalidParameterValue")
                #expect(error.type == "Sender")
                #expect(error.message == "The value NaN for parameter MetricData.member.1.Value is invalid.")
                #expect(!error.isRetryable)
            }
        }
    }

    @Test func unreachableEndpointIsATransportErrorThatMayBeRetried() async throws {
        let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1",
                                          endpointOverride: "http://127.0.0.1:1", connectTimeout: .seconds(1), requestTimeout: .seconds(2))
        do {
            try await cloudWatch.putMetricData(namespace: "DruidTest", datums: [])
            Issue.record("expected an error")
        } catch {
            guard case let .transport(httpError) = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(error.isRetryable)
            #expect(httpError.description.contains("127.0.0.1:1"))
        }
    }
}
