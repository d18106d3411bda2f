import Foundation

/// One POST to an AWS endpoint, signed by curl with the current credentials; the
/// answer whatever its status. The query (CloudWatch, SNS) and JSON (Secrets Manager)
/// protocols differ only in body and error format around it.
enum AWSSignedPost {
    static func send(
        http: any HTTPClient, credentials: any AWSCredentialProvider, region: String, signingName: String, endpoint: String,
        headers: [HTTPHeader], body: Data, connectTimeout: Duration, requestTimeout: Duration
    ) async throws(AWSCallError) -> HTTPResponse {
        let resolved: AWSCredentials
        do {
            resolved = try await credentials.credentials()
        } catch {
            throw .credentials(String(describing: error))
        }
        // The HTTP client adds X-Amz-Security-Token for temporary credentials.
        let request = HTTPRequest(
            method: .post,
            url: endpoint,
            headers: headers,
            body: body,
            connectTimeout: connectTimeout,
            totalTimeout: requestTimeout,
            signing: AWSSigning(region: region, service: signingName, credentials: resolved)
        )
        do {
            return try await http.execute(request)
        } catch {
            throw .transport(error)
        }
    }
}
