@testable import DruidWatchAWS
import Testing

@Suite struct RegionResolverTests {
    private let everything = CredentialTestFiles.environment([
        "AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-east-1", "AWS_PROFILE": "prod",
    ])

    @Test func configurationWins() async throws {
        let resolved = try await RegionResolver(environment: everything).resolve(configured: "ap-northeast-1")
        #expect(resolved == .init(region: "ap-northeast-1", source: "configuration"))
    }

    @Test func awsRegionThenDefaultRegion() async throws {
        #expect(try await RegionResolver(environment: everything).resolve() == .init(region: "us-west-2", source: "AWS_REGION"))
        var environment = everything
        environment["AWS_REGION"] = ""
        #expect(try await RegionResolver(environment: environment).resolve() == .init(region: "us-east-1", source: "AWS_DEFAULT_REGION"))
    }

    @Test func profileRegionFromTheConfigFile() async throws {
        let fromAWSProfile = try await RegionResolver(environment: CredentialTestFiles.environment(["AWS_PROFILE": "prod"])).resolve()
        #expect(fromAWSProfile == .init(region: "us-east-2", source: "profile prod in \(CredentialTestFiles.config)"))
        let fromDefault = try await RegionResolver(environment: CredentialTestFiles.environment()).resolve()
        #expect(fromDefault.region == "eu-west-1")
        let explicit = try await RegionResolver(environment: CredentialTestFiles.environment(["AWS_PROFILE": "prod"]), profile: "config-only").resolve()
        #expect(explicit.region == "ap-southeast-2")
    }

    @Test func instanceMetadataIsTheLastResort() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let resolver = RegionResolver(
                environment: CredentialTestFiles.environment(["AWS_PROFILE": "half"]), instanceMetadata: testbed.client()
            )
            #expect(try await resolver.resolve() == .init(region: "eu-central-1", source: "instance metadata"))

            let profileFirst = RegionResolver(environment: CredentialTestFiles.environment(), instanceMetadata: testbed.client())
            testbed.server.clearRequests()
            #expect(try await profileFirst.resolve().region == "eu-west-1")
            #expect(testbed.server.requests.isEmpty)
        }
    }

    @Test func nothingFoundSaysWhatWasTried() async throws {
        let metadata = InstanceMetadataClient(
            httpClient: InstanceMetadataCountingClient(),
            configuration: .resolved(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        )
        let resolver = RegionResolver(
            environment: CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent),
            instanceMetadata: metadata
        )
        let error = await #expect(throws: RegionResolutionError.self) { try await resolver.resolve() }
        let description = error?.description ?? ""
        #expect(description.contains("AWS_REGION and AWS_DEFAULT_REGION are not set"))
        #expect(description.contains("profile default in \(CredentialTestFiles.absent) has no region"))
        #expect(description.contains("instance metadata is disabled"))
    }

    @Test func malformedConfigIsAnError() async {
        let resolver = RegionResolver(environment: CredentialTestFiles.environment(config: CredentialTestFiles.malformedConfig))
        await #expect(throws: RegionResolutionError.sharedConfig(
            .malformed(path: CredentialTestFiles.malformedConfig, line: 3, reason: "expected 'key = value'")
        )) {
            try await resolver.resolve()
        }
    }
}
