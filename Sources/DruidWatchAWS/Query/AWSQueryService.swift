/// A client of one AWS query-protocol service (CloudWatch, SNS, STS): its signing name,
/// and the one way every such client is made from the shared HTTP client and credentials,
/// against the service's regional endpoint (or the override, e.g. moto in tests).
public protocol AWSQueryService: Sendable {
    static var signingName: String { get }
    init(query: AWSQueryClient)
}

extension AWSQueryService {
    public init(
        http: any HTTPClient,
        credentials: any AWSCredentialProvider,
        region: String,
        endpointOverride: String? = nil,
        connectTimeout: Duration = .seconds(5),
        requestTimeout: Duration = .seconds(30)
    ) {
        self.init(query: AWSQueryClient(
            http: http,
            credentials: credentials,
            region: region,
            signingName: Self.signingName,
            endpoint: AWSEndpoint.url(service: Self.signingName, region: region, override: endpointOverride),
            connectTimeout: connectTimeout,
            requestTimeout: requestTimeout
        ))
    }
}
