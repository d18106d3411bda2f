import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and, for temporary
/// credentials, `AWS_SESSION_TOKEN`. The legacy `AWS_SECURITY_TOKEN` is accepted too,
/// because botocore (and so the AWS CLI) still reads it; when both are set the
/// standard `AWS_SESSION_TOKEN` wins. Empty variables count as unset, as in the SDKs.
public struct EnvironmentCredentialProvider: AWSCredentialProvider {
    public static let source = "environment"

    private let environment: [String: String]

    /// `environment` is a parameter so that tests never touch the process environment.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        try resolve()
    }

    public func resolve() throws(CredentialProviderError) -> AWSCredentials {
        let accessKeyId = value(of: "AWS_ACCESS_KEY_ID")
        let secretAccessKey = value(of: "AWS_SECRET_ACCESS_KEY")
        switch (accessKeyId, secretAccessKey) {
        case (nil, nil):
            throw .notConfigured(source: Self.source, reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (nil, _):
            throw .incomplete(source: Self.source, missing: "AWS_ACCESS_KEY_ID")
        case (_, nil):
            throw .incomplete(source: Self.source, missing: "AWS_SECRET_ACCESS_KEY")
        case let (accessKeyId?, secretAccessKey?):
            return AWSCredentials(
                accessKeyId: accessKeyId,
                secretAccessKey: secretAccessKey,
                sessionToken: value(of: "AWS_SESSION_TOKEN") ?? value(of: "AWS_SECURITY_TOKEN"),
                source: Self.source
            )
        }
    }

    private func value(of variable: String) -> String? {
        guard let value = environment[variable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
