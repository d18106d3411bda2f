import Foundation

/// The one STS call druidwatch makes: which account its credentials belong to, for the
/// account field of the alarm ARNs the evaluator puts in its notifications.
public struct STSClient: Sendable {
    public static let signingName = "sts"
    static let apiVersion = "2011-06-15"

    public var query: AWSQueryClient

    public init(query: AWSQueryClient) {
        self.query = query
    }

    public init(
        http: any HTTPClient,
        credentials: any AWSCredentialProvider,
        region: String,
        endpointOverride: String? = nil,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.query = AWSQueryClient(
            http: http,
            credentials: credentials,
            region: region,
            signingName: Self.signingName,
            // The regional endpoint: the global one lives in us-east-1 alone.
            endpoint: AWSEndpoint.url(service: Self.signingName, region: region, override: endpointOverride),
            connectTimeout: connectTimeout,
            requestTimeout: requestTimeout
        )
    }

    /// The 12-digit account id of the credentials in use.
    public func getCallerIdentity() async throws(AWSCallError) -> String {
        let tree = try await query.call([("Action", "GetCallerIdentity"), ("Version", Self.apiVersion)])
        guard let account = tree.first(named: "Account")?.text, !account.isEmpty else {
            throw .malformedResponse("GetCallerIdentity answer has no Account")
        }
        return account
    }
}
