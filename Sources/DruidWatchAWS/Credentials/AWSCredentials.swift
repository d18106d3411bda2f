import Foundation

public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    /// Present for temporary credentials (instance role, assumed role); sent as
    /// `X-Amz-Security-Token`.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?
    /// Which link of the chain produced them, for logs ("environment", "profile default", "instance role X").
    public var source: String

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil, source: String) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }
}

/// Something that can produce credentials: one link of the chain, or the chain itself.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}
