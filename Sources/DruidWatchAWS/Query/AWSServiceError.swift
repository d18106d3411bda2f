import Foundation

/// An error answer from an AWS service, as the query protocol reports it:
/// `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var httpStatus: Int
    public var code: String
    public var message: String
    /// `Sender` (the request was wrong) or `Receiver` (the service failed).
    public var type: String?
    public var requestId: String?

    public init(httpStatus: Int, code: String, message: String, type: String? = nil, requestId: String? = nil) {
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.type = type
        self.requestId = requestId
    }

    public var description: String {
        var text = "\(code) (HTTP \(httpStatus)): \(message)"
        if let requestId { text += " [request \(requestId)]" }
        return text
    }

    /// Throttling and server-side failures pass with time; validation errors do not.
    public var isRetryable: Bool {
        if httpStatus >= 500 || httpStatus == 429 { return true }
        return Self.throttlingCodes.contains(code)
    }

    /// The request was refused for who sent it (expired or unknown credentials, a missing
    /// permission), not for what it carried: it can succeed later as it is, once
    /// credentials are refreshed or the IAM policy fixed, so its data must be kept.
    public var isAboutTheCaller: Bool {
        httpStatus == 401 || httpStatus == 403 || Self.callerCodes.contains(code)
    }

    static let callerCodes: Set<String> = [
        "AccessDenied", "AccessDeniedException", "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
        "UnrecognizedClientException", "SignatureDoesNotMatch", "IncompleteSignature", "RequestExpired",
        "MissingAuthenticationToken", "InvalidAccessKeyId",
    ]

    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException",
        "ServiceUnavailable", "InternalFailure", "InternalServiceError",
    ]

    /// Reads the error from a non-2xx response. A body that is not the documented XML
    /// (a proxy's HTML page, an empty 503) still yields an error that says what came back.
    public static func from(status: Int, body: Data) -> AWSServiceError {
        if let tree = try? XMLElementTree.parse(body), let error = tree.first(named: "Error") {
            return AWSServiceError(
                httpStatus: status,
                code: error.child("Code")?.text ?? "Unknown",
                message: error.child("Message")?.text ?? "",
                type: error.child("Type")?.text,
                requestId: tree.first(named: "RequestId")?.text ?? tree.first(named: "RequestID")?.text
            )
        }
        let snippet = String(decoding: body.prefix(200), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        return AWSServiceError(
            httpStatus: status,
            code: "HTTP\(status)",
            message: snippet.isEmpty ? "empty response body" : "unexpected response body: \(snippet)"
        )
    }
}
