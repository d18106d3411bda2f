import Foundation

/// Finds the AWS region: the agent's configuration, then `AWS_REGION`, then
/// `AWS_DEFAULT_REGION`, then the selected profile's `region` in the shared config file,
/// then instance metadata (`placement/region`).
public struct RegionResolver: Sendable {
    public struct Resolution: Sendable, Equatable {
        public var region: String
        /// Where it came from, for the startup log.
        public var source: String

        public init(region: String, source: String) {
            self.region = region
            self.source = source
        }
    }

    private let environment: [String: String]
    private let profile: String?
    private let instanceMetadata: InstanceMetadataClient?

    /// `profile` is the profile the agent's configuration names, if any (as for
    /// credentials); `instanceMetadata` nil skips the last step.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        profile: String? = nil,
        instanceMetadata: InstanceMetadataClient? = nil
    ) {
        self.environment = environment
        self.profile = profile
        self.instanceMetadata = instanceMetadata
    }

    public func resolve(configured: String? = nil) async throws(RegionResolutionError) -> Resolution {
        if let configured = Self.nonEmpty(configured) { return Resolution(region: configured, source: "configuration") }
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let region = Self.nonEmpty(environment[variable]) { return Resolution(region: region, source: variable) }
        }

        var reasons = ["not configured", "AWS_REGION and AWS_DEFAULT_REGION are not set"]
        let (profileName, _) = SharedConfig.selectedProfileName(explicit: profile, environment: environment)
        let configPath = SharedConfig.configFilePath(environment: environment)
        let configFile: SharedConfigFile?
        do {
            configFile = try SharedConfigFile.load(path: configPath, kind: .config)
        } catch {
            throw .sharedConfig(error)
        }
        if let region = Self.nonEmpty(configFile?.profiles[profileName]?["region"]) {
            return Resolution(region: region, source: "profile \(profileName) in \(configPath)")
        }
        reasons.append("profile \(profileName) in \(configPath) has no region")

        if let instanceMetadata {
            do {
                return Resolution(region: try await instanceMetadata.region(), source: "instance metadata")
            } catch {
                guard error.meansUnavailable else { throw .instanceMetadata(error) }
                reasons.append(error.description)
            }
        } else {
            reasons.append("instance metadata is not consulted")
        }
        throw .notFound(reasons: reasons)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
