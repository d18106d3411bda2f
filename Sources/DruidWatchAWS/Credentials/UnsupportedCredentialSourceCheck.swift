import Foundation

/// A chain link that never yields credentials: it stops the chain when the environment
/// asks for a source this agent does not implement (EKS web identity, ECS/EKS container
/// credentials). Without it the chain would fall through to the instance role and run
/// with the node's identity instead of the one the operator set up.
public struct UnsupportedCredentialSourceCheck: AWSCredentialProvider {
    static let variables: [(variable: String, kind: String)] = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "web identity (AssumeRoleWithWebIdentity)"),
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "container (ECS task role)"),
        ("AWS_CONTAINER_CREDENTIALS_FULL_URI", "container (ECS/EKS pod identity)"),
    ]

    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        try check()
        throw CredentialProviderError.notConfigured(source: "web identity and container", reason: "not requested by the environment")
    }

    public func check() throws(CredentialProviderError) {
        for (variable, kind) in Self.variables {
            if let value = environment[variable], !value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw .unsupportedEnvironmentSource(variable: variable, kind: kind)
            }
        }
    }
}
