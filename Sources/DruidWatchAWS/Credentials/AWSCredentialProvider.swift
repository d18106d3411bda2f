/// Something that can produce credentials: one link of the chain, or the chain itself.
///
/// A link with nothing configured throws `CredentialProviderError.notConfigured`, which
/// `CredentialChain` takes as "ask the next link"; any other error means the link is
/// configured but broken, and stops the chain.
public protocol AWSCredentialProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}
