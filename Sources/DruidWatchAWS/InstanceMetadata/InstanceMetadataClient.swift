import DruidWatchCore
import Foundation
import Logging

/// Reads EC2 instance metadata with IMDSv2 only: a session token from
/// `PUT /latest/api/token`, then `GET /latest/meta-data/...` carrying it. IMDSv1
/// (tokenless GETs) is never used, so an instance that requires IMDSv2 works and one
/// that refuses tokens is reported, not worked around.
///
/// The token is shared by concurrent callers, renewed shortly before its lifetime ends,
/// and renewed once more when a request is answered 401 (the service forgot it).
/// When the endpoint has never answered in this process and a token request fails, the
/// client concludes it is not on EC2 and fails further calls at once for
/// `unavailableRecheckInterval`; once the service has answered, a later failure is
/// taken as transient and not remembered.
public actor InstanceMetadataClient {
    public nonisolated let configuration: Configuration
    private let http: any HTTPClient
    private let clock: any WallClock
    private let logger: Logger

    private struct SessionToken {
        var value: String
        var renewAt: Date
    }

    private var token: SessionToken?
    private var pendingToken: Task<String, any Error>?
    private var hasAnswered = false
    private var unavailable: (error: InstanceMetadataError, until: Date)?

    public init(
        httpClient: any HTTPClient,
        configuration: Configuration = .resolved(),
        clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "druidwatch.aws.instance-metadata")
    ) {
        self.http = httpClient
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
    }

    /// The client the SDKs would configure: `endpoint` when given, else
    /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the link-local default; disabled by
    /// `AWS_EC2_METADATA_DISABLED=true`.
    public init(
        httpClient: any HTTPClient,
        endpoint: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "druidwatch.aws.instance-metadata")
    ) {
        self.init(
            httpClient: httpClient, configuration: .resolved(endpoint: endpoint, environment: environment), clock: clock, logger: logger
        )
    }

    /// The text at `latest/meta-data/<path>`; nil when the service answers 404.
    public func get(path: String) async throws(InstanceMetadataError) -> String? {
        let path = path.hasPrefix("/") ? String(path.dropFirst()) : path
        var token = try await sessionToken()
        var response = try await fetch(path: path, token: token)
        if response.status == 401 {
            discardToken(token)
            token = try await sessionToken()
            response = try await fetch(path: path, token: token)
        }
        switch response.status {
        case 200: return String(decoding: response.body, as: UTF8.self)
        case 404: return nil
        case 401: throw .unauthorized(path: path)
        default: throw .unexpectedStatus(path: path, status: response.status)
        }
    }

    public func instanceId() async throws(InstanceMetadataError) -> String {
        try await required("instance-id")
    }

    /// The region the instance runs in, from `placement/region`.
    public func region() async throws(InstanceMetadataError) -> String {
        try await required("placement/region")
    }

    /// The Auto Scaling group from the instance's tags; nil when the instance has no
    /// such tag or instance tags are not exposed in metadata (both answer 404).
    public func autoScalingGroupName() async throws(InstanceMetadataError) -> String? {
        guard let name = try await get(path: "tags/instance/aws:autoscaling:groupName") else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether the client currently believes there is no metadata service: disabled, or
    /// found missing within the recheck interval. Never waits on the network.
    public var isKnownUnavailable: Bool {
        if configuration.isDisabled { return true }
        guard let unavailable else { return false }
        return clock.now() < unavailable.until
    }

    private func required(_ path: String) async throws(InstanceMetadataError) -> String {
        guard let value = try await get(path: path) else { throw .missing(path: path) }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .missing(path: path) }
        return trimmed
    }

    // MARK: Session token

    private func sessionToken() async throws(InstanceMetadataError) -> String {
        if configuration.isDisabled { throw .disabled }
        if let unavailable {
            if clock.now() < unavailable.until { throw unavailable.error }
            self.unavailable = nil
        }
        if let token, clock.now() < token.renewAt { return token.value }
        let request = pendingToken ?? Task { try await self.requestToken() }
        pendingToken = request
        do {
            return try await request.value
        } catch let error as InstanceMetadataError {
            throw error
        } catch {
            throw .requestFailed(path: "/latest/api/token", reason: String(describing: error))
        }
    }

    private func requestToken() async throws(InstanceMetadataError) -> String {
        defer { pendingToken = nil }
        let requestedSeconds = Int(DurationConversion.seconds(configuration.tokenTTL))
        let request = HTTPRequest(
            method: .put,
            url: "\(configuration.endpoint)/latest/api/token",
            headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", String(requestedSeconds))],
            connectTimeout: configuration.connectTimeout,
            totalTimeout: configuration.totalTimeout,
            maximumResponseBytes: 4096
        )
        let response: HTTPResponse
        do {
            response = try await send(request)
        } catch {
            throw failTokenRequest(.unreachable(endpoint: configuration.endpoint, reason: error.description))
        }
        if response.status >= 500 {
            throw failTokenRequest(.unexpectedStatus(path: "/latest/api/token", status: response.status))
        }
        let value = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard response.status == 200, !value.isEmpty else {
            throw failTokenRequest(.tokenRefused(endpoint: configuration.endpoint, status: response.status))
        }

        hasAnswered = true
        let grantedSeconds = response.header("X-aws-ec2-metadata-token-ttl-seconds").flatMap { Int($0) } ?? requestedSeconds
        let lifetime = Duration.seconds(max(1, grantedSeconds))
        let margin = min(configuration.tokenRenewalMargin, lifetime / 2)
        token = SessionToken(value: value, renewAt: DurationConversion.date(clock.now(), plus: lifetime - margin))
        logger.debug("obtained an IMDSv2 session token", metadata: ["ttl_seconds": "\(grantedSeconds)"])
        return value
    }

    /// Remembers the failure when the service has never answered (not on EC2, most
    /// likely); returns the error to throw.
    private func failTokenRequest(_ error: InstanceMetadataError) -> InstanceMetadataError {
        if !hasAnswered, error.meansUnavailable {
            unavailable = (error, DurationConversion.date(clock.now(), plus: configuration.unavailableRecheckInterval))
            logger.info("no instance metadata service; not asking again for a while", metadata: [
                "reason": "\(error.description)",
                "recheck_after_seconds": "\(Int(DurationConversion.seconds(configuration.unavailableRecheckInterval)))",
            ])
        }
        return error
    }

    private func discardToken(_ rejected: String) {
        if token?.value == rejected { token = nil }
    }

    // MARK: Requests

    private func fetch(path: String, token: String) async throws(InstanceMetadataError) -> HTTPResponse {
        let request = HTTPRequest(
            method: .get,
            url: "\(configuration.endpoint)/latest/meta-data/\(path)",
            headers: [HTTPHeader("X-aws-ec2-metadata-token", token)],
            connectTimeout: configuration.connectTimeout,
            totalTimeout: configuration.totalTimeout,
            maximumResponseBytes: 1 << 20
        )
        do {
            return try await send(request)
        } catch {
            throw .requestFailed(path: path, reason: error.description)
        }
    }

    /// Retries network errors and 5xx answers, up to `maximumAttempts` in all.
    private func send(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        var attempt = 1
        while true {
            do {
                let response = try await http.execute(request)
                if response.status >= 500, attempt < configuration.maximumAttempts {
                    attempt += 1
                    continue
                }
                return response
            } catch {
                guard error.isRetryable, attempt < configuration.maximumAttempts else { throw error }
                attempt += 1
            }
        }
    }
}
