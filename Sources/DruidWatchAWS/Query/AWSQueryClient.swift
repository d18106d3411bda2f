import CompressNIO
import DruidWatchCore
import Foundation
import NIOCore

/// Calls an AWS service over the query protocol: a form-encoded POST, signed with
/// SigV4 by curl, answered in XML. CloudWatch and SNS both speak it.
public struct AWSQueryClient: Sendable {
    public var http: any HTTPClient
    public var credentials: any AWSCredentialProvider
    public var region: String
    /// The SigV4 signing name (`monitoring` for CloudWatch, `sns` for SNS).
    public var signingName: String
    public var endpoint: String
    public var connectTimeout: Duration
    public var requestTimeout: Duration

    public init(
        http: any HTTPClient,
        credentials: any AWSCredentialProvider,
        region: String,
        signingName: String,
        endpoint: String,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.http = http
        self.credentials = credentials
        self.region = region
        self.signingName = signingName
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    /// `compressingAbove`: bodies of at least this many bytes are sent gzip-compressed
    /// (`Content-Encoding: gzip`), which PutMetricData accepts; nil sends them as they are.
    public func call(_ parameters: [(String, String)], compressingAbove threshold: Int? = nil) async throws(AWSCallError) -> XMLElementTree {
        var headers = [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]
        var body = Data(QueryFormEncoding.encode(parameters).utf8)
        if let threshold, body.count >= threshold, let compressed = Self.gzip(body) {
            body = compressed
            headers.append(HTTPHeader("Content-Encoding", "gzip"))
        }
        let response = try await AWSSignedPost.send(
            http: http, credentials: credentials, region: region, signingName: signingName, endpoint: endpoint,
            headers: headers, body: body, connectTimeout: connectTimeout, requestTimeout: requestTimeout
        )
        guard response.isSuccess else {
            throw .service(AWSServiceError.from(status: response.status, body: response.body))
        }
        do {
            return try XMLElementTree.parse(response.body)
        } catch {
            throw .malformedResponse(error.description)
        }
    }

    /// nil if compression fails, in which case the body goes as it is.
    static func gzip(_ data: Data) -> Data? {
        var buffer = ByteBuffer(bytes: data)
        guard let compressed = try? buffer.compress(with: .gzip(), allocator: ByteBufferAllocator()) else { return nil }
        return Data(compressed.readableBytesView)
    }
}
