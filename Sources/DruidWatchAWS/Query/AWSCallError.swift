/// Why an AWS API call did not succeed.
public enum AWSCallError: Error, Sendable, CustomStringConvertible {
    /// No HTTP answer at all: the network, DNS, a timeout.
    case transport(HTTPClientError)
    /// The service answered with an error.
    case service(AWSServiceError)
    /// No credentials could be found or refreshed.
    case credentials(String)
    /// A 2xx answer that did not hold what the API documents.
    case malformedResponse(String)

    public var description: String {
        switch self {
        case let .transport(error): error.description
        case let .service(error): error.description
        case let .credentials(reason): "no usable AWS credentials: \(reason)"
        case let .malformedResponse(reason): "unexpected answer from AWS: \(reason)"
        }
    }

    /// See `AWSServiceError.isAboutTheCaller`.
    public var isAboutTheCaller: Bool {
        if case let .service(error) = self { return error.isAboutTheCaller }
        return false
    }

    public var isRetryable: Bool {
        switch self {
        case let .transport(error): error.isRetryable
        case let .service(error): error.isRetryable
        case .credentials: true
        case .malformedResponse: false
        }
    }
}
