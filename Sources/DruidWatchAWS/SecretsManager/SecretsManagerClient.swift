import DruidWatchCore
import Foundation

/// The Secrets Manager calls druidwatch makes (`GetSecretValue`; `CreateSecret` for
/// tests and tooling), over the JSON protocol.
public struct SecretsManagerClient: AWSJSONService {
    public static let signingName = "secretsmanager"
    public static let targetPrefix = "secretsmanager"

    public var json: AWSJSONClient

    public init(json: AWSJSONClient) {
        self.json = json
    }

    /// The current version (`AWSCURRENT`) of a secret, unless a version id or stage is given.
    public func getSecretValue(secretId: String, versionId: String? = nil, versionStage: String? = nil) async throws(SecretsManagerError) -> SecretValue {
        let input = GetSecretValueInput(SecretId: secretId, VersionId: versionId, VersionStage: versionStage)
        let output: GetSecretValueOutput
        do {
            output = try await json.call("GetSecretValue", input, as: GetSecretValueOutput.self)
        } catch {
            throw SecretsManagerError(error)
        }
        var binary: Data?
        if let encoded = output.SecretBinary {
            guard let decoded = Data(base64Encoded: encoded) else {
                throw .call(.malformedResponse("SecretBinary of \(secretId) is not base64"))
            }
            binary = decoded
        }
        return SecretValue(arn: output.ARN, name: output.Name, versionId: output.VersionId, secretString: output.SecretString, secretBinary: binary)
    }

    /// Creates a secret holding `secretString`; returns its ARN.
    @discardableResult
    public func createSecret(name: String, secretString: String, description: String? = nil) async throws(SecretsManagerError) -> String {
        let input = CreateSecretInput(Name: name, SecretString: secretString, Description: description, ClientRequestToken: UUID().uuidString)
        do {
            return try await json.call("CreateSecret", input, as: CreateSecretOutput.self).ARN ?? ""
        } catch {
            throw SecretsManagerError(error)
        }
    }

    private struct GetSecretValueInput: Encodable {
        var SecretId: String
        var VersionId: String?
        var VersionStage: String?
    }

    private struct GetSecretValueOutput: Decodable {
        var ARN: String?
        var Name: String?
        var VersionId: String?
        var SecretString: String?
        var SecretBinary: String?
    }

    private struct CreateSecretInput: Encodable {
        var Name: String
        var SecretString: String
        var Description: String?
        var ClientRequestToken: String
    }

    private struct CreateSecretOutput: Decodable {
        var ARN: String?
    }
}

/// One version of a secret. Its textual forms never show the value.
public struct SecretValue: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
    public var arn: String?
    public var name: String?
    public var versionId: String?
    public var secretString: String?
    public var secretBinary: Data?

    public init(arn: String?, name: String?, versionId: String?, secretString: String?, secretBinary: Data?) {
        self.arn = arn
        self.name = name
        self.versionId = versionId
        self.secretString = secretString
        self.secretBinary = secretBinary
    }

    public var description: String {
        "SecretValue(name: \(name ?? "?"), versionId: \(versionId ?? "?"))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["arn": arn as Any, "name": name as Any, "versionId": versionId as Any], displayStyle: .struct)
    }
}

/// Why a Secrets Manager call failed, with the errors `GetSecretValue` documents typed.
public enum SecretsManagerError: Error, Sendable, CustomStringConvertible {
    /// `ResourceNotFoundException`: no such secret, or no such version.
    case resourceNotFound(AWSServiceError)
    /// `AccessDeniedException`: the IAM policy does not allow the call.
    case accessDenied(AWSServiceError)
    /// `DecryptionFailure`: KMS could not decrypt the secret.
    case decryptionFailure(AWSServiceError)
    /// `InvalidRequestException`: e.g. the secret is scheduled for deletion.
    case invalidRequest(AWSServiceError)
    /// `InvalidParameterException`.
    case invalidParameter(AWSServiceError)
    /// Any other failure: transport, credentials, another service error, a malformed answer.
    case call(AWSCallError)

    public init(_ error: AWSCallError) {
        guard case let .service(service) = error else {
            self = .call(error)
            return
        }
        switch service.code {
        case "ResourceNotFoundException": self = .resourceNotFound(service)
        case "AccessDeniedException", "AccessDenied": self = .accessDenied(service)
        case "DecryptionFailure": self = .decryptionFailure(service)
        case "InvalidRequestException": self = .invalidRequest(service)
        case "InvalidParameterException": self = .invalidParameter(service)
        default: self = .call(error)
        }
    }

    public var description: String {
        switch self {
        case let .resourceNotFound(error), let .accessDenied(error), let .decryptionFailure(error),
             let .invalidRequest(error), let .invalidParameter(error):
            error.description
        case let .call(error):
            error.description
        }
    }

    /// Only transport failures, throttling and the service's own failures pass with time.
    public var isRetryable: Bool {
        if case let .call(error) = self { return error.isRetryable }
        return false
    }
}
