import CompressNIO
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import NIOCore
import Testing

/// Large PutMetricData bodies go gzip-compressed (as the AWS SDKs send them); small ones
/// go as they are, since compression would cost more than it saves.
@Suite struct PutMetricDataCompressionTests {
    let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))
    let timestamp = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 120)

    func datums(_ count: Int) -> [MetricDatum] {
        (0..<count).map {
            MetricDatum(metricName: "query/time", dimensions: [MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", "ds\($0)")],
                        timestamp: timestamp, value: .distribution(values: [10, 20, Double($0)], counts: [1, 2, 3]), unit: .milliseconds)
        }
    }

    @Test func largeBodiesAreGzippedAndSmallOnesAreNot() async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(200, "<PutMetricDataResponse/>") }) { server in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: server.baseURL)
            try await client.putMetricData(namespace: "Druid", datums: datums(300))
            try await client.putMetricData(namespace: "Druid", datums: datums(2))
            let (large, small) = (server.requests[0], server.requests[1])
            #expect(large.headers.contains { $0.name.lowercased() == "content-encoding" && $0.value == "gzip" })
            #expect(!small.headers.contains { $0.name.lowercased() == "content-encoding" })
            var compressed = ByteBuffer(bytes: large.body)
            let plain = try compressed.decompress(with: .gzip(), maxSize: 4 << 20, allocator: ByteBufferAllocator())
            let form = String(decoding: plain.readableBytesView, as: UTF8.self)
            #expect(form.hasPrefix("Action=PutMetricData&Version=2010-08-01&Namespace=Druid"))
            #expect(form.contains("MetricData.member.300.MetricName=query%2Ftime"))
            #expect(large.body.count * 4 < plain.readableBytes, "gzip should shrink repetitive form data well")
        }
    }

    @Test func motoAcceptsTheCompressedBody() async throws {
        try await MotoServer.with { moto in
            let client = CloudWatchClient(http: CurlHTTPClient(), credentials: credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            try await client.putMetricData(namespace: "Compressed", datums: datums(300))
            let listed = try await client.listMetrics(namespace: "Compressed")
            #expect(listed.count == 300)
        }
    }
}
