import DruidWatchCore
import Foundation

/// The login Druid's HTTP emitter sends (`druid.emitter.http.basicAuthentication`,
/// `login:password`) and the check of a request's `Authorization` header against it.
public struct BasicCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// Compares in time that depends only on the lengths, never on where the first
    /// difference is, so that the password cannot be guessed byte by byte from timing.
    public func accepts(authorizationHeader: String?) -> Bool {
        guard let header = authorizationHeader else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)) else { return false }
        return ConstantTimeComparison.equals(Array(decoded), Array("\(username):\(password)".utf8))
    }
}
