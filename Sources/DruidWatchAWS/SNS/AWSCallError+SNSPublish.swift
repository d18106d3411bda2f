extension AWSCallError {
    /// SNS refused the publish for a reason that waiting will not change: the topic is
    /// gone, the message or subject is invalid, the topic policy or its KMS key forbids
    /// it. Such a notification must be set aside for a human, not retried forever.
    ///
    /// `AuthorizationError` is permanent although SNS sends it with HTTP 403 (which
    /// ``isAboutTheCaller`` counts as passing): it is the topic's policy refusing this
    /// principal, not expired credentials. Expired or unknown credentials stay
    /// retryable, since the credential chain refreshes them.
    public var isPermanentPublishFailure: Bool {
        switch self {
        case .transport, .credentials: return false
        // A 2xx answer: SNS most likely took the message, and sending it again would
        // notify twice.
        case .malformedResponse: return true
        case let .service(error):
            if Self.permanentPublishCodes.contains(error.code) { return true }
            // KMSThrottling is the one KMS error that passes with time.
            if error.code.hasPrefix("KMS") { return !error.code.hasPrefix("KMSThrottling") }
            return !(error.isRetryable || error.isAboutTheCaller)
        }
    }

    static let permanentPublishCodes: Set<String> = [
        "InvalidParameter", "InvalidParameterValue", "NotFound", "AuthorizationError",
    ]
}
