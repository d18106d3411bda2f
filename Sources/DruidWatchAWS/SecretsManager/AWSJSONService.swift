/// A client of one AWS JSON-protocol service (Secrets Manager, CloudWatch Logs): its
/// signing name and `X-Amz-Target` prefix, and the one way every such client is made
/// from the shared HTTP client and credentials, as ``AWSQueryService`` does for the
/// query protocol.
public protocol AWSJSONService: Sendable {
    static var signingName: String { get }
    /// `secretsmanager` for `secretsmanager.GetSecretValue`.
    static var targetPrefix: String { get }
    init(json: AWSJSONClient)
}

extension AWSJSONService {
    public init(
        http: any HTTPClient,
        credentials: any AWSCredentialProvider,
        region: String,
        endpointOverride: String? = nil,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.init(json: AWSJSONClient(
            http: http,
            credentials: credentials,
            region: region,
            signingName: Self.signingName,
            targetPrefix: Self.targetPrefix,
            endpoint: AWSEndpoint.url(service: Self.signingName, region: region, override: endpointOverride),
            connectTimeout: connectTimeout,
            requestTimeout: requestTimeout
        ))
    }
}
