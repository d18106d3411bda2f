import Foundation
import Logging

/// What every druidwatch command that talks to AWS resolves first: one HTTP client, the
/// credential chain, the instance metadata client (when allowed) and the region.
public struct AWSSession: Sendable {
    public var http: CurlHTTPClient
    public var credentials: CredentialChain
    public var instanceMetadata: InstanceMetadataClient?
    public var region: RegionResolver.Resolution

    public struct ResolutionError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func resolve(
        region configuredRegion: String?, profile: String?, imds: Bool, imdsEndpoint: String,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws(ResolutionError) -> AWSSession {
        let http = CurlHTTPClient()
        let metadata: InstanceMetadataClient? = imds
            ? InstanceMetadataClient(httpClient: http, configuration: .resolved(endpoint: imdsEndpoint), logger: logger)
            : nil
        let credentials = CredentialChain.standard(profile: profile, environment: environment, instanceMetadata: metadata, logger: logger)
        do {
            let region = try await RegionResolver(environment: environment, profile: profile, instanceMetadata: metadata).resolve(configured: configuredRegion)
            return AWSSession(http: http, credentials: credentials, instanceMetadata: metadata, region: region)
        } catch {
            throw ResolutionError(description: "cannot tell which AWS region to use: \(error)")
        }
    }
}
