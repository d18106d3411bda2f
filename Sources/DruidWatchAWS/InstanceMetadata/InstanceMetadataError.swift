/// Why instance metadata gave no answer.
public enum InstanceMetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `AWS_EC2_METADATA_DISABLED` is true (or the configuration disables it).
    case disabled
    /// Nothing answered at the endpoint: most likely not running on EC2.
    case unreachable(endpoint: String, reason: String)
    /// Something answered the session token request, but not with a token: not EC2's
    /// IMDSv2 (another cloud's metadata service, a proxy), or IMDS turned off for this
    /// instance (403). IMDSv1 is never tried instead.
    case tokenRefused(endpoint: String, status: Int)
    /// The request failed after a session token was obtained.
    case requestFailed(path: String, reason: String)
    /// 401 even with a freshly issued token.
    case unauthorized(path: String)
    case unexpectedStatus(path: String, status: Int)
    /// A path that every instance has answered 404.
    case missing(path: String)

    public var description: String {
        switch self {
        case .disabled:
            "instance metadata is disabled (AWS_EC2_METADATA_DISABLED)"
        case let .unreachable(endpoint, reason):
            "instance metadata at \(endpoint) is unreachable (not on EC2?): \(reason)"
        case let .tokenRefused(endpoint, status):
            "instance metadata at \(endpoint) refused an IMDSv2 session token (HTTP \(status))"
                + (status == 403 ? "; IMDS may be turned off for this instance" : "")
        case let .requestFailed(path, reason):
            "instance metadata request for \(path) failed: \(reason)"
        case let .unauthorized(path):
            "instance metadata rejected the session token for \(path) (HTTP 401)"
        case let .unexpectedStatus(path, status):
            "instance metadata answered HTTP \(status) for \(path)"
        case let .missing(path):
            "instance metadata has no \(path)"
        }
    }

    /// True when there is no usable metadata service here at all (disabled, not on EC2),
    /// as opposed to one that failed a request.
    public var meansUnavailable: Bool {
        switch self {
        case .disabled, .unreachable, .tokenRefused: true
        case .requestFailed, .unauthorized, .unexpectedStatus, .missing: false
        }
    }
}
