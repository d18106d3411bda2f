import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import Foundation
import Logging

/// The AWS side of a configuration, resolved once at start: credentials, region,
/// instance identity, and a CloudWatch client that uses them.
public struct AWSContext: Sendable {
    public var http: CurlHTTPClient
    public var credentials: CredentialChain
    public var region: RegionResolver.Resolution
    public var identity: InstanceIdentity
    public var cloudWatch: CloudWatchClient
    /// `aws.endpoint_url`: every AWS client the agent makes goes there (moto in tests).
    public var endpointOverride: String?

    public struct ResolutionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `environment` is the process's unless a caller (a test) supplies its own, so that
    /// credentials and region never have to be set process-wide.
    public static func resolve(
        _ config: AgentConfig,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) async throws(ResolutionError) -> AWSContext {
        let session: AWSSession
        do {
            session = try await AWSSession.resolve(
                region: config.aws.region, profile: config.aws.profile, imds: config.aws.imds, imdsEndpoint: config.aws.imdsEndpoint,
                environment: environment, logger: logger
            )
        } catch {
            throw ResolutionError(description: error.description)
        }
        let (http, credentials, metadata, region) = (session.http, session.credentials, session.instanceMetadata, session.region)
        let identity: InstanceIdentity
        do {
            identity = try await InstanceIdentityResolver(instanceMetadata: metadata).resolve(
                instanceId: config.identity.instanceId.awsSetting,
                autoScalingGroupName: config.identity.autoScalingGroup.awsSetting,
                hostName: config.identity.host.awsSetting
            )
        } catch {
            throw ResolutionError(description: "cannot read the instance identity: \(error)")
        }
        let cloudWatch = CloudWatchClient(
            http: http,
            credentials: credentials,
            region: region.region,
            endpointOverride: config.aws.endpointURL,
            connectTimeout: config.aws.connectTimeout,
            requestTimeout: config.aws.requestTimeout
        )
        return AWSContext(http: http, credentials: credentials, region: region, identity: identity, cloudWatch: cloudWatch, endpointOverride: config.aws.endpointURL)
    }
}

extension IdentityValue {
    var awsSetting: IdentitySetting {
        switch self {
        case .auto: .auto
        case .none: .none
        case let .literal(value): .literal(value)
        }
    }
}
