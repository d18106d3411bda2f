import Foundation

/// Long-term (or pasted temporary) keys from a shared-file profile. The files are read
/// on every call: they are small, and `CredentialChain` keeps the result anyway.
public struct ProfileCredentialProvider: AWSCredentialProvider {
    /// Settings through which the SDKs would obtain credentials some other way. A profile
    /// using one of them must not quietly yield its static keys, or nothing, letting the
    /// chain fall through to the instance role: that would run with the wrong identity.
    static let unsupportedKeys: [String] = [
        "role_arn", "source_profile", "credential_source", "credential_process", "web_identity_token_file",
    ]
    static let unsupportedKeyPrefix = "sso_"

    private let explicitProfile: String?
    private let environment: [String: String]

    /// `profile` is the name from the agent's configuration, if it names one; otherwise
    /// `AWS_PROFILE`, then `default`.
    public init(profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicitProfile = profile
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        try resolve()
    }

    public func resolve() throws(CredentialProviderError) -> AWSCredentials {
        let (name, isExplicit) = SharedConfig.selectedProfileName(explicit: explicitProfile, environment: environment)
        let source = "profile \(name)"
        let shared: SharedConfig
        do {
            shared = try SharedConfig.load(environment: environment)
        } catch {
            throw .sharedConfig(error)
        }
        guard let profile = shared.profile(named: name) else {
            let searched = [shared.credentialsPath, shared.configPath]
            if isExplicit { throw .profileNotFound(profile: name, searched: searched) }
            throw .notConfigured(source: source, reason: "no such profile in \(searched.joined(separator: " or "))")
        }

        if let key = profile.settings.keys.sorted().first(where: Self.isUnsupported) {
            throw .unsupportedProfileSetting(profile: name, key: key, file: profile.file(of: key) ?? shared.configPath)
        }

        switch (profile["aws_access_key_id"], profile["aws_secret_access_key"]) {
        case (nil, nil):
            throw .notConfigured(source: source, reason: "the profile has no aws_access_key_id")
        case (nil, _):
            throw .incomplete(source: source, missing: "aws_access_key_id")
        case (_, nil):
            throw .incomplete(source: source, missing: "aws_secret_access_key")
        case let (accessKeyId?, secretAccessKey?):
            // aws_security_token is botocore's older name, still accepted by it.
            return AWSCredentials(
                accessKeyId: accessKeyId,
                secretAccessKey: secretAccessKey,
                sessionToken: profile["aws_session_token"] ?? profile["aws_security_token"],
                source: "\(source) (\(profile.file(of: "aws_access_key_id") ?? shared.credentialsPath))"
            )
        }
    }

    static func isUnsupported(_ key: String) -> Bool {
        unsupportedKeys.contains(key) || key.hasPrefix(unsupportedKeyPrefix)
    }
}
