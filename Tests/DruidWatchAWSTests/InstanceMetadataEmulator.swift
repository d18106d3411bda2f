import DruidWatchTestSupport
import Foundation
import Synchronization

/// Answers like EC2's instance metadata service with IMDSv2 required: a `PUT
/// /latest/api/token` with a valid `X-aws-ec2-metadata-token-ttl-seconds` (1…21600,
/// else 400) issues a token; a `GET` without a token it issued gets 401; absent paths
/// (tags not exposed, no role attached) get 404.
final class InstanceMetadataEmulator: Sendable {
    static let tokenPath = "/latest/api/token"
    static let roleListingPath = "/latest/meta-data/iam/security-credentials/"

    struct RoleCredentials: Sendable {
        var accessKeyId: String
        var secretAccessKey: String
        var token: String
        var expiration: Date
        var code = "Success"
    }

    struct Behaviour: Sendable {
        var instanceId = "i-0abc1234def567890"
        var region = "eu-central-1"
        /// nil: the tag is absent, or instance tags are not exposed in metadata (404).
        var autoScalingGroupName: String? = "druid-historicals"
        /// nil: no instance profile attached (the listing answers 404).
        var roleName: String? = "druid-node"
        var credentials: RoleCredentials
        /// Served instead of the JSON built from `credentials`, to test broken documents.
        var rawCredentialDocument: String?
        /// Holds the credential document back, so that concurrent callers overlap.
        var credentialDelay: Duration = .zero
        /// Replies served, once each and in order, for requests to a path (after the
        /// token checks), before the normal answer resumes.
        var scripted: [String: [LocalHTTPServer.Reply]] = [:]
        /// Answer 401 to every GET, valid token or not.
        var rejectAllTokens = false
    }

    private struct State {
        var behaviour: Behaviour
        var validTokens: Set<String> = []
        var issuedTokens = 0
    }

    private let state: Mutex<State>

    init(credentials: RoleCredentials) {
        state = Mutex(State(behaviour: Behaviour(credentials: credentials)))
    }

    /// Credentials valid for an hour after `now`, with distinct values per `generation`.
    static func roleCredentials(generation: Int, expiringAt expiration: Date) -> RoleCredentials {
        RoleCredentials(
            accessKeyId: "ASIAROLEGEN\(generation)000000",
            secretAccessKey: "SECRET-role-secret-\(generation)",
            token: "SECRET-role-token-\(generation)",
            expiration: expiration
        )
    }

    func update(_ change: (inout Behaviour) -> Void) {
        state.withLock { change(&$0.behaviour) }
    }

    var behaviour: Behaviour { state.withLock { $0.behaviour } }

    /// Forgets every token issued, as the service does when it restarts.
    func revokeTokens() {
        state.withLock { $0.validTokens.removeAll() }
    }

    var issuedTokenCount: Int { state.withLock { $0.issuedTokens } }

    func handle(_ request: LocalHTTPServer.RecordedRequest) async -> LocalHTTPServer.Reply {
        switch request.method {
        case "PUT": return issueToken(request)
        case "GET": break
        default: return .status(405)
        }
        let (authorized, scripted, behaviour) = state.withLock { state in
            let token = request.header("X-aws-ec2-metadata-token")
            let authorized = !state.behaviour.rejectAllTokens && token.map { state.validTokens.contains($0) } == true
            return (authorized, authorized ? Self.takeScripted(for: request.path, from: &state) : nil, state.behaviour)
        }
        guard authorized else { return .status(401) }
        if let scripted { return scripted }
        return await answer(path: request.path, behaviour: behaviour)
    }

    private func issueToken(_ request: LocalHTTPServer.RecordedRequest) -> LocalHTTPServer.Reply {
        guard request.path == Self.tokenPath else { return .status(405) }
        guard let ttl = request.header("X-aws-ec2-metadata-token-ttl-seconds").flatMap({ Int($0) }), (1...21_600).contains(ttl) else {
            return .status(400, "Missing or invalid X-aws-ec2-metadata-token-ttl-seconds")
        }
        return state.withLock { state in
            if let scripted = Self.takeScripted(for: request.path, from: &state) { return scripted }
            state.issuedTokens += 1
            let token = "TOKEN-\(state.issuedTokens)-\(UUID().uuidString)"
            state.validTokens.insert(token)
            return LocalHTTPServer.Reply(
                status: 200,
                headers: [LocalHTTPServer.Header("X-aws-ec2-metadata-token-ttl-seconds", String(ttl))],
                text: token
            )
        }
    }

    private func answer(path: String, behaviour: Behaviour) async -> LocalHTTPServer.Reply {
        let metadata = "/latest/meta-data/"
        switch path {
        case metadata + "instance-id":
            return .status(200, behaviour.instanceId)
        case metadata + "placement/region":
            return .status(200, behaviour.region)
        case metadata + "tags/instance/aws:autoscaling:groupName":
            return behaviour.autoScalingGroupName.map { .status(200, $0) } ?? .status(404)
        case Self.roleListingPath:
            return behaviour.roleName.map { .status(200, $0) } ?? .status(404)
        case let rolePath where behaviour.roleName.map({ rolePath == Self.roleListingPath + $0 }) == true:
            if behaviour.credentialDelay > .zero { try? await Task.sleep(for: behaviour.credentialDelay) }
            return .status(200, behaviour.rawCredentialDocument ?? Self.document(for: behaviour.credentials))
        default:
            return .status(404)
        }
    }

    private static func takeScripted(for path: String, from state: inout State) -> LocalHTTPServer.Reply? {
        guard var queue = state.behaviour.scripted[path], !queue.isEmpty else { return nil }
        let reply = queue.removeFirst()
        state.behaviour.scripted[path] = queue
        return reply
    }

    static func document(for credentials: RoleCredentials) -> String {
        """
        {
          "Code" : "\(credentials.code)",
          "LastUpdated" : "\(credentials.expiration.addingTimeInterval(-21_600).formatted(.iso8601))",
          "Type" : "AWS-HMAC",
          "AccessKeyId" : "\(credentials.accessKeyId)",
          "SecretAccessKey" : "\(credentials.secretAccessKey)",
          "Token" : "\(credentials.token)",
          "Expiration" : "\(credentials.expiration.formatted(.iso8601))"
        }
        """
    }
}
