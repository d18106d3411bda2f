import DruidWatchAWS
import DruidWatchCore
import Foundation
import Synchronization

/// Bytes on the wire per datum, plain and as sent: each request goes through the real
/// `CloudWatchClient.putMetricData`, whose query client gzips bodies of 10 KiB and more,
/// and an HTTP client that keeps the bodies instead of sending them.
enum RequestBodySizes {
    struct Request {
        var datums: Int
        var rawBytes: Int
        var sentBytes: Int
        var gzipped: Bool
    }

    struct Summary {
        var requests: [Request]

        var datums: Int { requests.reduce(0) { $0 + $1.datums } }
        var rawBytesPerDatum: Double { Double(requests.reduce(0) { $0 + $1.rawBytes }) / Double(datums) }
        var sentBytesPerDatum: Double { Double(requests.reduce(0) { $0 + $1.sentBytes }) / Double(datums) }
    }

    static func measure(datums: [MetricDatum], namespace: String) async throws -> Summary {
        let http = CapturingHTTPClient()
        let client = CloudWatchClient(
            http: http,
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "test", secretAccessKey: "test", source: "benchmark")),
            region: "us-east-1",
            endpointOverride: "http://127.0.0.1:9"
        )
        var requests: [Request] = []
        for batch in PutMetricDataBatcher.batches(namespace: namespace, datums: datums) {
            try await client.putMetricData(namespace: namespace, datums: batch)
            guard let sent = http.takeLastRequest(), let body = sent.body else { throw BenchmarkError("the client sent no body") }
            let rawBytes = PutMetricDataEncoder.body(namespace: namespace, datums: batch).utf8.count
            let gzipped = sent.headers.contains { $0.name.caseInsensitiveCompare("Content-Encoding") == .orderedSame && $0.value == "gzip" }
            requests.append(Request(datums: batch.count, rawBytes: rawBytes, sentBytes: body.count, gzipped: gzipped))
        }
        return Summary(requests: requests)
    }
}

/// Answers every request as CloudWatch answers a PutMetricData that succeeded, and
/// keeps the last request for the caller to look at.
final class CapturingHTTPClient: HTTPClient {
    private let lastRequest = Mutex<HTTPRequest?>(nil)

    private static let putMetricDataResponse = Data("""
        <PutMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">\
        <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>\
        </PutMetricDataResponse>
        """.utf8)

    func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        lastRequest.withLock { $0 = request }
        return HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "text/xml")], body: Self.putMetricDataResponse)
    }

    func takeLastRequest() -> HTTPRequest? {
        lastRequest.withLock { request in
            defer { request = nil }
            return request
        }
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
