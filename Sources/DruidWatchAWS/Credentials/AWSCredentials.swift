import Foundation

/// A set of AWS keys. Its textual forms (`description`, `debugDescription`, the mirror
/// that `dump` and test failures use) show only the last four characters of the access
/// key id, so that interpolating credentials into a log line cannot leak them.
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

    /// The access key id reduced to what may appear in logs: "…" and its last four characters.
    public var redactedAccessKeyId: String {
        Self.redact(accessKeyId)
    }

    /// Whether these credentials are still usable at `date`; long-term keys always are.
    public func isValid(at date: Date) -> Bool {
        guard let expiration else { return true }
        return date < expiration
    }

    static func redact(_ accessKeyId: String) -> String {
        "…" + accessKeyId.suffix(4)
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        var text = "AWSCredentials(accessKeyId: \(redactedAccessKeyId), source: \(source)"
        if sessionToken != nil { text += ", temporary" }
        if let expiration { text += ", expires: \(expiration.formatted(.iso8601))" }
        return text + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: [
            "accessKeyId": redactedAccessKeyId,
            "source": source,
            "expiration": expiration as Any,
        ], displayStyle: .struct)
    }
}
