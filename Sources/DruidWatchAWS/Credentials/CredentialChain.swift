import DruidWatchCore
import Foundation
import Logging

/// Asks its links in order and keeps to the first that yields credentials.
///
/// A link that has nothing configured (`CredentialProviderError.notConfigured`) passes
/// to the next; any other error is a source that is configured but broken, and is
/// thrown as is, because skipping it could run the agent with an identity nobody meant.
/// When every link passes, the error lists what each said. Once a link has yielded,
/// later calls go straight to it (it refreshes what expires); long-term keys are kept
/// by the chain itself.
public actor CredentialChain: AWSCredentialProvider {
    public struct Link: Sendable {
        public var name: String
        public var provider: any AWSCredentialProvider

        public init(name: String, provider: any AWSCredentialProvider) {
            self.name = name
            self.provider = provider
        }
    }

    /// What one link said during a resolution that found nothing.
    public struct Attempt: Sendable, Equatable, CustomStringConvertible {
        public var link: String
        public var outcome: String

        public var description: String { "\(link): \(outcome)" }
    }

    public nonisolated let links: [Link]
    private let logger: Logger
    private var chosen: Link?
    private var longTermCredentials: AWSCredentials?
    private var pendingResolution: Task<AWSCredentials, any Error>?

    public init(links: [Link], logger: Logger = Logger(label: "druidwatch.aws.credentials")) {
        self.links = links
        self.logger = logger
    }

    /// The chain the AWS SDKs use, less what this agent does not implement: environment
    /// variables, then the shared-file profile, then the EC2 instance role. The SDKs also
    /// try web identity (EKS), SSO, a credential process and container (ECS) credentials;
    /// those are not supported, and a configuration asking for one is an error (see
    /// `ProfileCredentialProvider` and `UnsupportedCredentialSourceCheck`) rather than
    /// silently skipped. `instanceMetadata` nil leaves out the instance role.
    public static func standard(
        profile: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        instanceMetadata: InstanceMetadataClient?,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "druidwatch.aws.credentials")
    ) -> CredentialChain {
        var links = [
            Link(name: "environment", provider: EnvironmentCredentialProvider(environment: environment)),
            Link(name: "shared config profile", provider: ProfileCredentialProvider(profile: profile, environment: environment)),
            Link(name: "web identity and container", provider: UnsupportedCredentialSourceCheck(environment: environment)),
        ]
        if let instanceMetadata {
            links.append(Link(
                name: "instance role",
                provider: InstanceRoleCredentialProvider(metadata: instanceMetadata, clock: clock, logger: logger)
            ))
        }
        return CredentialChain(links: links, logger: logger)
    }

    public func credentials() async throws -> AWSCredentials {
        if let longTermCredentials { return longTermCredentials }
        if let chosen { return try await chosen.provider.credentials() }
        let resolution = pendingResolution ?? Task { try await self.resolve() }
        pendingResolution = resolution
        return try await resolution.value
    }

    /// The link that yielded credentials, once one has.
    public var chosenLink: String? { chosen?.name }

    private func resolve() async throws -> AWSCredentials {
        defer { pendingResolution = nil }
        var attempts: [Attempt] = []
        for link in links {
            do {
                let credentials = try await link.provider.credentials()
                chosen = link
                if credentials.expiration == nil { longTermCredentials = credentials }
                logger.info("using AWS credentials", metadata: [
                    "source": "\(credentials.source)",
                    "access_key_id": "\(credentials.redactedAccessKeyId)",
                ])
                return credentials
            } catch let error as CredentialProviderError where error.isNotConfigured {
                let outcome: String = if case let .notConfigured(_, reason) = error { reason } else { error.description }
                attempts.append(Attempt(link: link.name, outcome: outcome))
            }
        }
        throw CredentialProviderError.noCredentials(attempts: attempts)
    }
}
