/// Why a credential provider produced no credentials. No case carries a secret, a
/// session token or a whole access key id: these descriptions go to logs.
public enum CredentialProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source has nothing configured (no variables, no such profile, not on EC2):
    /// the chain moves on to its next link.
    case notConfigured(source: String, reason: String)
    /// The source is configured but a required part is missing, e.g. an access key
    /// without its secret.
    case incomplete(source: String, missing: String)
    /// The profile obtains credentials in a way this agent does not implement (assumed
    /// roles, SSO, a credential process, web identity).
    case unsupportedProfileSetting(profile: String, key: String, file: String)
    /// The environment selects a credential source this agent does not implement.
    case unsupportedEnvironmentSource(variable: String, kind: String)
    /// A profile named explicitly (configuration or `AWS_PROFILE`) is in neither file.
    case profileNotFound(profile: String, searched: [String])
    case sharedConfig(SharedConfigFileError)
    /// Instance metadata is reachable but did not answer as documented.
    case instanceMetadata(InstanceMetadataError)
    /// The credential document's `Code` was not `Success`.
    case instanceRoleRejected(role: String, code: String)
    case invalidInstanceRoleDocument(role: String, reason: String)
    /// Every link of a chain said it had nothing; `attempts` is what each said.
    case noCredentials(attempts: [CredentialChain.Attempt])

    public var description: String {
        switch self {
        case let .notConfigured(source, reason):
            "\(source): \(reason)"
        case let .incomplete(source, missing):
            "\(source): credentials are incomplete, \(missing) is missing"
        case let .unsupportedProfileSetting(profile, key, file):
            "profile \(profile) in \(file) sets \(key), which druidwatch does not support yet; "
                + "give the profile aws_access_key_id and aws_secret_access_key, or use another profile"
        case let .unsupportedEnvironmentSource(variable, kind):
            "\(variable) is set, asking for \(kind) credentials, which druidwatch does not support yet; "
                + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or a profile instead"
        case let .profileNotFound(profile, searched):
            "profile \(profile) was not found in \(searched.joined(separator: " or "))"
        case let .sharedConfig(error):
            error.description
        case let .instanceMetadata(error):
            "instance role: \(error.description)"
        case let .instanceRoleRejected(role, code):
            "instance role \(role): instance metadata returned credentials with Code \(code)"
        case let .invalidInstanceRoleDocument(role, reason):
            "instance role \(role): unusable credential document: \(reason)"
        case let .noCredentials(attempts):
            "no AWS credentials found; " + attempts.map(\.description).joined(separator: "; ")
        }
    }

    /// Whether a chain should ask its next link.
    public var isNotConfigured: Bool {
        if case .notConfigured = self { return true }
        return false
    }
}
