import Foundation

/// The JSON instance metadata serves at `iam/security-credentials/<role>`:
/// `{"Code": "Success", "LastUpdated": …, "Type": "AWS-HMAC", "AccessKeyId": …,
/// "SecretAccessKey": …, "Token": …, "Expiration": "2025-11-25T16:00:00Z"}`.
/// Errors name missing fields only, never a value from the document. Public for the
/// fuzzer (`Fuzz/`), which feeds it whatever a link-local peer could answer.
public enum InstanceRoleCredentialDocument {
    private struct Fields: Decodable {
        var Code: String?
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var Token: String?
        var Expiration: String?
    }

    public static func parse(_ text: String, role: String) throws(CredentialProviderError) -> AWSCredentials {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(text.utf8))
        } catch {
            throw .invalidInstanceRoleDocument(role: role, reason: "it is not a JSON object of the documented shape")
        }
        if let code = fields.Code, code != "Success" {
            throw .instanceRoleRejected(role: role, code: code)
        }
        guard let accessKeyId = nonEmpty(fields.AccessKeyId) else { throw missing("AccessKeyId", role) }
        guard let secretAccessKey = nonEmpty(fields.SecretAccessKey) else { throw missing("SecretAccessKey", role) }
        guard let token = nonEmpty(fields.Token) else { throw missing("Token", role) }
        guard let expirationText = nonEmpty(fields.Expiration) else { throw missing("Expiration", role) }
        guard let expiration = parseTimestamp(expirationText) else {
            throw .invalidInstanceRoleDocument(role: role, reason: "Expiration is not an ISO 8601 timestamp")
        }
        return AWSCredentials(
            accessKeyId: accessKeyId,
            secretAccessKey: secretAccessKey,
            sessionToken: token,
            expiration: expiration,
            source: "instance role \(role)"
        )
    }

    static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    private static func missing(_ field: String, _ role: String) -> CredentialProviderError {
        .invalidInstanceRoleDocument(role: role, reason: "\(field) is missing")
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
