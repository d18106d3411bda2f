import Foundation

public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One HTTP exchange to perform. Timeouts are per request because the callers differ
/// widely: IMDS must fail within a second off EC2, CloudWatch may take several.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [HTTPHeader]
    public var body: Data?
    public var connectTimeout: Duration
    public var totalTimeout: Duration
    /// When set, curl signs the request with AWS Signature Version 4.
    public var signing: AWSSigning?
    /// Responses larger than this are abandoned so that a misbehaving peer cannot
    /// make the agent allocate without bound.
    public var maximumResponseBytes: Int

    public init(
        method: Method,
        url: String,
        headers: [HTTPHeader] = [],
        body: Data? = nil,
        connectTimeout: Duration = .seconds(5),
        totalTimeout: Duration = .seconds(30),
        signing: AWSSigning? = nil,
        maximumResponseBytes: Int = 16 << 20
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.signing = signing
        self.maximumResponseBytes = maximumResponseBytes
    }
}

/// What curl needs to sign a request: the scope and the credentials.
public struct AWSSigning: Sendable {
    public var region: String
    public var service: String
    public var credentials: AWSCredentials

    public init(region: String, service: String, credentials: AWSCredentials) {
        self.region = region
        self.service = service
        self.credentials = credentials
    }
}
