import DruidWatchCore
import Foundation
import Logging

/// The Druid system (escalator) account that druidwatch uses for the endpoints the
/// basic security extension protects. Its textual forms never show the password.
public struct DruidSystemCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `Basic base64(username:password)`, as Druid's basic authenticator expects.
    public var authorizationHeader: String {
        "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
    }

    public var description: String { "DruidSystemCredentials(username: \(username))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["username": username], displayStyle: .struct) }

    /// Reads a secret string: a JSON object with `username` (or `user`) and `password`,
    /// the shape the AWS guidance stores and the Secrets Manager console writes.
    public static func parseSecret(_ text: String) throws(DruidCredentialsError) -> DruidSystemCredentials {
        guard let data = text.data(using: .utf8),
              let object = try? JSONDecoder().decode([String: SecretField].self, from: data) else {
            throw .malformedSecret("the secret is not a JSON object")
        }
        guard case let .string(username)? = object["username"] ?? object["user"], !username.isEmpty else {
            throw .malformedSecret("the secret has no \"username\" (or \"user\") string")
        }
        guard case let .string(password)? = object["password"] else {
            throw .malformedSecret("the secret has no \"password\" string")
        }
        return DruidSystemCredentials(username: username, password: password)
    }

    private enum SecretField: Decodable {
        case string(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            self = (try? container.decode(String.self)).map(SecretField.string) ?? .other
        }
    }
}

public enum DruidCredentialsError: Error, Sendable, CustomStringConvertible {
    /// The secret exists but does not hold usable credentials. Never contains the value.
    case malformedSecret(String)
    /// The secret has only a binary value.
    case noSecretString(secretId: String)
    case secretsManager(secretId: String, SecretsManagerError)

    public var description: String {
        switch self {
        case let .malformedSecret(reason): "the Druid system account secret is unusable: \(reason)"
        case let .noSecretString(secretId): "secret \(secretId) has no SecretString"
        case let .secretsManager(secretId, error): "reading secret \(secretId): \(error)"
        }
    }
}

/// Where the probes get the system account from.
public protocol DruidCredentialProvider: Sendable {
    func credentials() async throws -> DruidSystemCredentials
    /// Druid answered 401 with the last credentials: the password may have been
    /// rotated. A provider that can refresh does so on the next call (rate-limited).
    func credentialsRejected() async
}

/// Credentials given in the configuration.
public struct StaticDruidCredentialProvider: DruidCredentialProvider {
    public let fixed: DruidSystemCredentials

    public init(_ credentials: DruidSystemCredentials) {
        self.fixed = credentials
    }

    public func credentials() async throws -> DruidSystemCredentials { fixed }
    public func credentialsRejected() async {}
}

/// Credentials from a Secrets Manager secret, kept for `timeToLive` (rotation then
/// reaches the agent within that time), fetched again at once after Druid rejects
/// them (at most every `minimumRefreshInterval`, so a wrong password does not turn
/// into a call per probe). A fetch is tried `maximumAttempts` times with a doubling
/// pause for errors that may pass; when it fails while credentials are kept, those
/// go on being used and the fetch is tried again after `minimumRefreshInterval`.
/// Concurrent callers share one fetch.
public actor SecretsManagerDruidCredentialProvider: DruidCredentialProvider {
    public let secretId: String
    private let client: SecretsManagerClient
    private let clock: any WallClock
    private let timeToLive: Duration
    private let minimumRefreshInterval: Duration
    private let maximumAttempts: Int
    private let retryDelay: Duration
    private let logger: Logger

    private var cached: DruidSystemCredentials?
    private var fetchedAt: Date?
    private var lastFetchAttempt: Date?
    private var rejected = false
    private var pending: Task<DruidSystemCredentials, any Error>?

    public init(
        secretId: String,
        client: SecretsManagerClient,
        clock: any WallClock = SystemWallClock(),
        timeToLive: Duration = .seconds(300),
        minimumRefreshInterval: Duration = .seconds(30),
        maximumAttempts: Int = 3,
        retryDelay: Duration = .milliseconds(500),
        logger: Logger = Logger(label: "druidwatch.druid.credentials")
    ) {
        self.secretId = secretId
        self.client = client
        self.clock = clock
        self.timeToLive = timeToLive
        self.minimumRefreshInterval = minimumRefreshInterval
        self.maximumAttempts = max(1, maximumAttempts)
        self.retryDelay = retryDelay
        self.logger = logger
    }

    public func credentials() async throws -> DruidSystemCredentials {
        if let cached, !needsRefresh(at: clock.now()) { return cached }
        let fetch = pending ?? Task { try await self.refresh() }
        pending = fetch
        return try await fetch.value
    }

    public func credentialsRejected() async {
        rejected = true
    }

    private func needsRefresh(at now: Date) -> Bool {
        // Kept credentials are not fetched again sooner than the minimum interval after
        // the last attempt, whatever asked for it.
        if let lastFetchAttempt, now < lastFetchAttempt.addingTimeInterval(Self.seconds(minimumRefreshInterval)) { return false }
        if rejected { return true }
        guard let fetchedAt else { return true }
        return now >= fetchedAt.addingTimeInterval(Self.seconds(timeToLive))
    }

    private func refresh() async throws -> DruidSystemCredentials {
        defer { pending = nil }
        lastFetchAttempt = clock.now()
        do {
            let fresh = try await fetchWithRetries()
            if let cached, cached != fresh {
                logger.info("the Druid system account secret changed", metadata: ["secret": "\(secretId)"])
            }
            cached = fresh
            fetchedAt = clock.now()
            rejected = false
            return fresh
        } catch {
            guard let cached else { throw error }
            logger.warning("reading the Druid system account secret failed; using the credentials read before", metadata: [
                "secret": "\(secretId)", "error": "\(error)",
            ])
            return cached
        }
    }

    private func fetchWithRetries() async throws(DruidCredentialsError) -> DruidSystemCredentials {
        var delay = retryDelay
        var attempt = 1
        while true {
            do {
                let value = try await client.getSecretValue(secretId: secretId)
                guard let text = value.secretString else { throw DruidCredentialsError.noSecretString(secretId: secretId) }
                return try DruidSystemCredentials.parseSecret(text)
            } catch let error as DruidCredentialsError {
                throw error
            } catch let error as SecretsManagerError {
                guard error.isRetryable, attempt < maximumAttempts else { throw .secretsManager(secretId: secretId, error) }
                logger.debug("reading the Druid system account secret failed; retrying", metadata: [
                    "secret": "\(secretId)", "attempt": "\(attempt)", "error": "\(error)",
                ])
            } catch {
                throw .secretsManager(secretId: secretId, .call(.malformedResponse("\(error)")))
            }
            try? await Task.sleep(for: delay)
            delay *= 2
            attempt += 1
        }
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        DurationConversion.seconds(duration)
    }
}
