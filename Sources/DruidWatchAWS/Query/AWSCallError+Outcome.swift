extension AWSCallError {
    /// A short, stable name for what went wrong, for counting failures by kind
    /// (`throttled` and `server_error` pass with time, `rejected` does not).
    public var outcome: String {
        switch self {
        case .transport: "network"
        case let .service(error):
            if error.isThrottling { "throttled" }
            else if error.httpStatus >= 500 { "server_error" }
            else if error.isAboutTheCaller { "denied" }
            else { "rejected" }
        case .credentials: "no_credentials"
        case .malformedResponse: "malformed_response"
        }
    }
}

extension AWSServiceError {
    /// The service asked the caller to slow down (HTTP 429 or a throttling error code,
    /// which CloudWatch sends with HTTP 400).
    public var isThrottling: Bool {
        httpStatus == 429 || Self.slowDownCodes.contains(code)
    }

    static let slowDownCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException",
    ]
}
