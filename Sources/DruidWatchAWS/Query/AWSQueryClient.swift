import DruidWatchCore
import Foundation

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

    public func call(_ parameters: [(String, String)]) async throws(AWSCallError) -> XMLElementTree {
        let resolved: AWSCredentials
        do {
            resolved = try await credentials.credentials()
        } catch {
            throw .credentials(String(describing: error))
        }
        let request = HTTPRequest(
            method: .post,
            url: endpoint,
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
            body: Data(QueryFormEncoding.encode(parameters).utf8),
            connectTimeout: connectTimeout,
            totalTimeout: requestTimeout,
            signing: AWSSigning(region: region, service: signingName, credentials: resolved)
        )
        let response: HTTPResponse
        do {
            response = try await http.execute(request)
        } catch {
            throw .transport(error)
        }
        guard response.isSuccess else {
            throw .service(AWSServiceError.from(status: response.status, body: response.body))
        }
        do {
            return try XMLElementTree.parse(response.body)
        } catch {
            throw .malformedResponse(error.description)
        }
    }
}
