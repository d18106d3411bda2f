import DruidWatchCore
import Foundation
import Logging

/// Temporary credentials of the IAM role attached to this EC2 instance, read from
/// instance metadata (`iam/security-credentials/`).
///
/// They are kept until `refreshWindow` before their `Expiration`, then fetched again;
/// concurrent callers share one fetch. When a refresh fails while the kept credentials
/// are still valid, those are returned, a warning is logged, and the refresh is tried
/// again after `retryInterval` rather than on every call.
public actor InstanceRoleCredentialProvider: AWSCredentialProvider {
    static let securityCredentialsPath = "iam/security-credentials/"

    private let metadata: InstanceMetadataClient
    private let clock: any WallClock
    private let refreshWindow: Duration
    private let retryInterval: Duration
    private let logger: Logger

    private var cached: AWSCredentials?
    /// Set while kept credentials are served without refreshing: after a failed refresh,
    /// or when the fresh ones already fall inside the refresh window.
    private var nextRefreshAttempt: Date?
    private var pendingRefresh: Task<AWSCredentials, any Error>?

    public init(
        metadata: InstanceMetadataClient,
        clock: any WallClock = SystemWallClock(),
        refreshWindow: Duration = .seconds(300),
        retryInterval: Duration = .seconds(30),
        logger: Logger = Logger(label: "druidwatch.aws.credentials")
    ) {
        self.metadata = metadata
        self.clock = clock
        self.refreshWindow = refreshWindow
        self.retryInterval = retryInterval
        self.logger = logger
    }

    public func credentials() async throws -> AWSCredentials {
        if let usable = keptCredentials(at: clock.now()) { return usable }
        let refresh = pendingRefresh ?? Task { try await self.refresh() }
        pendingRefresh = refresh
        return try await refresh.value
    }

    private func keptCredentials(at now: Date) -> AWSCredentials? {
        guard let cached, let expiration = cached.expiration, now < expiration else { return nil }
        if now < DurationConversion.date(expiration, plus: .zero - refreshWindow) { return cached }
        if let nextRefreshAttempt, now < nextRefreshAttempt { return cached }
        return nil
    }

    private func refresh() async throws -> AWSCredentials {
        defer { pendingRefresh = nil }
        do {
            let fresh = try await fetch()
            let now = clock.now()
            cached = fresh
            let stillInWindow = fresh.expiration.map { now >= DurationConversion.date($0, plus: .zero - refreshWindow) } ?? false
            nextRefreshAttempt = stillInWindow ? DurationConversion.date(now, plus: retryInterval) : nil
            logger.debug("fetched instance role credentials", metadata: [
                "source": "\(fresh.source)",
                "access_key_id": "\(fresh.redactedAccessKeyId)",
                "expiration": "\(fresh.expiration.map { $0.formatted(.iso8601) } ?? "none")",
            ])
            return fresh
        } catch {
            let now = clock.now()
            guard let cached, cached.isValid(at: now) else { throw error }
            nextRefreshAttempt = DurationConversion.date(now, plus: retryInterval)
            logger.warning("refreshing instance role credentials failed; using the current ones until they expire", metadata: [
                "error": "\(error)",
                "access_key_id": "\(cached.redactedAccessKeyId)",
                "expiration": "\(cached.expiration.map { $0.formatted(.iso8601) } ?? "none")",
            ])
            return cached
        }
    }

    private func fetch() async throws(CredentialProviderError) -> AWSCredentials {
        let role = try await roleName()
        let document: String?
        do {
            document = try await metadata.get(path: Self.securityCredentialsPath + role)
        } catch {
            throw Self.providerError(error)
        }
        guard let document else {
            throw .invalidInstanceRoleDocument(role: role, reason: "instance metadata has no credentials for this role (HTTP 404)")
        }
        return try InstanceRoleCredentialDocument.parse(document, role: role)
    }

    private func roleName() async throws(CredentialProviderError) -> String {
        let listing: String?
        do {
            listing = try await metadata.get(path: Self.securityCredentialsPath)
        } catch {
            throw Self.providerError(error)
        }
        let role = listing?.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty }
        guard let role else {
            throw .notConfigured(source: "instance role", reason: "no IAM role is attached to this instance")
        }
        return role
    }

    /// Without a metadata service this link simply has nothing, and the chain moves on;
    /// a service that fails is an error.
    private static func providerError(_ error: InstanceMetadataError) -> CredentialProviderError {
        error.meansUnavailable ? .notConfigured(source: "instance role", reason: error.description) : .instanceMetadata(error)
    }
}
