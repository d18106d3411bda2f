@testable import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Synchronization
import Testing

@Suite struct CredentialChainTests {
    private static let environmentKeys = [
        "AWS_ACCESS_KEY_ID": "AKIDENVIRONMENT0001",
        "AWS_SECRET_ACCESS_KEY": "SECRET-environment",
    ]

    private func standardChain(_ testbed: InstanceMetadataTestbed, environment: [String: String], profile: String? = nil) -> CredentialChain {
        CredentialChain.standard(
            profile: profile, environment: environment, instanceMetadata: testbed.client(), clock: testbed.clock, logger: testbed.log.logger()
        )
    }

    @Test func environmentBeatsProfileBeatsInstanceRole() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let all = CredentialTestFiles.environment(Self.environmentKeys)
            let fromEnvironment = try await standardChain(testbed, environment: all).credentials()
            #expect(fromEnvironment.accessKeyId == "AKIDENVIRONMENT0001")
            #expect(fromEnvironment.source == "environment")

            let fromProfile = try await standardChain(testbed, environment: CredentialTestFiles.environment()).credentials()
            #expect(fromProfile.accessKeyId == "AKIDDEFAULT00000001")

            #expect(testbed.server.requests.isEmpty)

            let noFiles = CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent)
            let chain = standardChain(testbed, environment: noFiles)
            let fromRole = try await chain.credentials()
            #expect(fromRole.accessKeyId == "ASIAROLEGEN1000000")
            #expect(fromRole.source == "instance role druid-node")
            #expect(await chain.chosenLink == "instance role")
        }
    }

    @Test func profileWithoutKeysFallsThroughToTheInstanceRole() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let chain = standardChain(testbed, environment: CredentialTestFiles.environment(["AWS_PROFILE": "region-only"]))
            #expect(try await chain.credentials().source == "instance role druid-node")
        }
    }

    @Test func chosenInstanceRoleIsRefreshedThroughTheChain() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let noFiles = CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent)
            let chain = standardChain(testbed, environment: noFiles)
            _ = try await chain.credentials()
            testbed.emulator.update {
                $0.credentials = InstanceMetadataEmulator.roleCredentials(generation: 2, expiringAt: testbed.clock.now().addingTimeInterval(7200))
            }
            testbed.clock.advance(by: 3400)
            #expect(try await chain.credentials().accessKeyId == "ASIAROLEGEN2000000")
        }
    }

    @Test func unsupportedProfileStopsTheChainBeforeTheInstanceRole() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let chain = standardChain(testbed, environment: CredentialTestFiles.environment(), profile: "assumed")
            await #expect(throws: CredentialProviderError.unsupportedProfileSetting(
                profile: "assumed", key: "role_arn", file: CredentialTestFiles.config
            )) {
                try await chain.credentials()
            }
            #expect(testbed.server.requests.isEmpty)
        }
    }

    @Test func malformedFileStopsTheChain() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let chain = standardChain(testbed, environment: CredentialTestFiles.environment(config: CredentialTestFiles.malformedConfig))
            let error = await #expect(throws: CredentialProviderError.self) { try await chain.credentials() }
            #expect(error == .sharedConfig(.malformed(path: CredentialTestFiles.malformedConfig, line: 3, reason: "expected 'key = value'")))
            #expect(testbed.server.requests.isEmpty)
        }
    }

    @Test func webIdentityEnvironmentIsNotSilentlyReplacedByTheInstanceRole() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let noFiles = CredentialTestFiles.environment(
                credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent,
                ["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/eks/token", "AWS_ROLE_ARN": "arn:aws:iam::1:role/r"]
            )
            await #expect(throws: CredentialProviderError.unsupportedEnvironmentSource(
                variable: "AWS_WEB_IDENTITY_TOKEN_FILE", kind: "web identity (AssumeRoleWithWebIdentity)"
            )) {
                try await standardChain(testbed, environment: noFiles).credentials()
            }
            #expect(testbed.server.requests.isEmpty)

            // Explicit keys still come first, as in the SDKs.
            let withKeys = noFiles.merging(Self.environmentKeys) { _, new in new }
            #expect(try await standardChain(testbed, environment: withKeys).credentials().source == "environment")
        }
    }

    @Test func nothingFoundListsEveryLink() async throws {
        let closedPort = try ClosedPort()
        let endpoint = "http://127.0.0.1:\(closedPort.port)"
        let log = CredentialTestLog()
        let chain = CredentialChain.standard(
            environment: CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent),
            instanceMetadata: InstanceMetadataClient(
                httpClient: CurlHTTPClient(), configuration: InstanceMetadataTestbed.configuration(endpoint: endpoint),
                clock: CredentialTestClock(), logger: log.logger()
            ),
            logger: log.logger()
        )
        let error = await #expect(throws: CredentialProviderError.self) { try await chain.credentials() }
        guard case let .noCredentials(attempts) = error else {
            Issue.record("expected .noCredentials, got \(String(describing: error))")
            return
        }
        #expect(attempts.map(\.link) == ["environment", "shared config profile", "web identity and container", "instance role"])
        #expect(attempts[0].outcome == "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        #expect(attempts[1].outcome.contains("no such profile"))
        #expect(attempts[3].outcome.contains("instance metadata at \(endpoint) is unreachable"))
        let description = error?.description ?? ""
        #expect(description.hasPrefix("no AWS credentials found; environment: "))
        #expect(description.contains("instance role: instance metadata at \(endpoint) is unreachable"))
        #expect(log.everything.contains("no instance metadata service"))
        _ = closedPort
    }

    @Test func disabledMetadataIsReportedWhenNothingIsFound() async throws {
        let environment = CredentialTestFiles.environment(
            credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent, ["AWS_EC2_METADATA_DISABLED": "true"]
        )
        let http = InstanceMetadataCountingClient()
        let chain = CredentialChain.standard(
            environment: environment,
            instanceMetadata: InstanceMetadataClient(httpClient: http, configuration: .resolved(environment: environment))
        )
        let error = await #expect(throws: CredentialProviderError.self) { try await chain.credentials() }
        #expect(error?.description.contains("instance role: instance metadata is disabled (AWS_EC2_METADATA_DISABLED)") == true)
        #expect(http.count == 0)
    }

    @Test func firstYieldingLinkIsRemembered() async throws {
        let empty = CountingProvider(.failure(.notConfigured(source: "empty", reason: "nothing here")))
        let yielding = CountingProvider(.success(AWSCredentials(accessKeyId: "AKIDREMEMBERED00001", secretAccessKey: "SECRET-r", source: "fake")))
        let never = CountingProvider(.failure(.notConfigured(source: "never", reason: "not asked")))
        let chain = CredentialChain(links: [
            .init(name: "empty", provider: empty), .init(name: "yielding", provider: yielding), .init(name: "never", provider: never),
        ], logger: CredentialTestLog().logger())
        for _ in 0..<3 { #expect(try await chain.credentials().accessKeyId == "AKIDREMEMBERED00001") }
        #expect(empty.calls == 1)
        #expect(yielding.calls == 1)  // long-term keys are kept by the chain itself
        #expect(never.calls == 0)
        #expect(await chain.chosenLink == "yielding")
    }

    @Test func temporaryCredentialsAreAskedOfTheChosenLinkEachTime() async throws {
        let temporary = CountingProvider(.success(AWSCredentials(
            accessKeyId: "ASIATEMPORARY000001", secretAccessKey: "SECRET-t", sessionToken: "SECRET-s",
            expiration: Date(timeIntervalSinceNow: 3600), source: "fake"
        )))
        let chain = CredentialChain(links: [.init(name: "temporary", provider: temporary)], logger: CredentialTestLog().logger())
        for _ in 0..<3 { _ = try await chain.credentials() }
        #expect(temporary.calls == 3)
    }

    @Test func concurrentFirstCallsShareOneResolution() async throws {
        let slow = CountingProvider(
            .success(AWSCredentials(accessKeyId: "AKIDSLOW00000000001", secretAccessKey: "SECRET-s", source: "fake")),
            delay: .milliseconds(200)
        )
        let chain = CredentialChain(links: [.init(name: "slow", provider: slow)], logger: CredentialTestLog().logger())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await chain.credentials() } }
            try await group.waitForAll()
        }
        #expect(slow.calls == 1)
    }

    @Test func brokenLinkIsNotRememberedAndIsRetried() async throws {
        let broken = CountingProvider(.failure(.incomplete(source: "broken", missing: "AWS_SECRET_ACCESS_KEY")))
        let chain = CredentialChain(links: [.init(name: "broken", provider: broken)], logger: CredentialTestLog().logger())
        for _ in 0..<2 {
            await #expect(throws: CredentialProviderError.incomplete(source: "broken", missing: "AWS_SECRET_ACCESS_KEY")) {
                try await chain.credentials()
            }
        }
        #expect(broken.calls == 2)
        #expect(await chain.chosenLink == nil)
    }

    @Test func choiceIsLoggedWithoutSecrets() async throws {
        let log = CredentialTestLog()
        let chain = CredentialChain.standard(
            environment: CredentialTestFiles.environment(Self.environmentKeys), instanceMetadata: nil, logger: log.logger()
        )
        _ = try await chain.credentials()
        #expect(log.everything.contains("using AWS credentials"))
        #expect(log.everything.contains("…0001"))
        #expect(!log.everything.contains("AKIDENVIRONMENT0001"))
        #expect(!log.everything.contains(CredentialTestFiles.secretMarker))
    }
}

/// A chain link with a fixed outcome that counts how often it is asked.
private final class CountingProvider: AWSCredentialProvider {
    private let outcome: Result<AWSCredentials, CredentialProviderError>
    private let delay: Duration
    private let counter = Mutex(0)

    init(_ outcome: Result<AWSCredentials, CredentialProviderError>, delay: Duration = .zero) {
        self.outcome = outcome
        self.delay = delay
    }

    var calls: Int { counter.withLock { $0 } }

    func credentials() async throws -> AWSCredentials {
        counter.withLock { $0 += 1 }
        if delay > .zero { try await Task.sleep(for: delay) }
        return try outcome.get()
    }
}
