@testable import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct CredentialInstanceRoleTests {
    private static let documentPath = InstanceMetadataEmulator.roleListingPath + "druid-node"

    private func provider(_ testbed: InstanceMetadataTestbed, refreshWindow: Duration = .seconds(300)) -> InstanceRoleCredentialProvider {
        InstanceRoleCredentialProvider(
            metadata: testbed.client(), clock: testbed.clock, refreshWindow: refreshWindow, logger: testbed.log.logger()
        )
    }

    @Test func credentialsFetchedWithTheToken() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let credentials = try await provider(testbed).credentials()
            let expected = testbed.emulator.behaviour.credentials
            #expect(credentials.accessKeyId == expected.accessKeyId)
            #expect(credentials.secretAccessKey == expected.secretAccessKey)
            #expect(credentials.sessionToken == expected.token)
            #expect(credentials.expiration == expected.expiration)
            #expect(credentials.source == "instance role druid-node")

            #expect(testbed.requestLines == [
                "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/druid-node",
            ])
            #expect(testbed.server.requests.dropFirst().allSatisfy { $0.header("X-aws-ec2-metadata-token") != nil })
        }
    }

    @Test func cachedUntilTheRefreshWindow() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let provider = provider(testbed)
            let first = try await provider.credentials()
            testbed.emulator.update { $0.credentials = InstanceMetadataEmulator.roleCredentials(generation: 2, expiringAt: testbed.clock.now().addingTimeInterval(7200)) }

            testbed.clock.advance(by: 3600 - 301)  // still more than 5 minutes left
            #expect(try await provider.credentials() == first)
            #expect(testbed.requests(to: Self.documentPath).count == 1)

            testbed.clock.advance(by: 2)  // now inside the 5-minute window
            let second = try await provider.credentials()
            #expect(second.accessKeyId == "ASIAROLEGEN2000000")
            #expect(second.secretAccessKey == "SECRET-role-secret-2")
            #expect(testbed.requests(to: Self.documentPath).count == 2)
            #expect(try await provider.credentials() == second)
            #expect(testbed.requests(to: Self.documentPath).count == 2)
        }
    }

    @Test func refreshWindowIsInjectable() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let provider = provider(testbed, refreshWindow: .seconds(1200))
            _ = try await provider.credentials()
            testbed.clock.advance(by: 3600 - 1201)
            _ = try await provider.credentials()
            #expect(testbed.requests(to: Self.documentPath).count == 1)
            testbed.clock.advance(by: 2)
            _ = try await provider.credentials()
            #expect(testbed.requests(to: Self.documentPath).count == 2)
        }
    }

    @Test func failedRefreshKeepsValidCredentialsAndWarns() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let provider = provider(testbed)
            let first = try await provider.credentials()
            testbed.clock.advance(by: 3600 - 120)
            testbed.emulator.update { $0.scripted[Self.documentPath] = [.status(500), .status(500)] }

            #expect(try await provider.credentials() == first)
            let warnings = testbed.log.all.filter { $0.level == .warning }
            #expect(warnings.count == 1)
            #expect(warnings.first?.text.contains("refreshing instance role credentials failed") == true)
            #expect(warnings.first?.text.contains("HTTP 500") == true)
            #expect(!testbed.log.everything.contains(CredentialTestFiles.secretMarker))
            #expect(!testbed.log.everything.contains(first.accessKeyId))

            // Not retried on every call: only after the retry interval.
            #expect(try await provider.credentials() == first)
            #expect(testbed.requests(to: Self.documentPath).count == 3)
            testbed.emulator.update {
                $0.credentials = InstanceMetadataEmulator.roleCredentials(generation: 2, expiringAt: testbed.clock.now().addingTimeInterval(3600))
            }
            testbed.clock.advance(by: 31)
            #expect(try await provider.credentials().accessKeyId == "ASIAROLEGEN2000000")
        }
    }

    @Test func failedRefreshAfterExpiryIsAnError() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let provider = provider(testbed)
            _ = try await provider.credentials()
            testbed.clock.advance(by: 3601)
            testbed.emulator.update { $0.scripted[Self.documentPath] = [.status(500), .status(500)] }
            await #expect(throws: CredentialProviderError.instanceMetadata(
                .unexpectedStatus(path: "iam/security-credentials/druid-node", status: 500)
            )) {
                try await provider.credentials()
            }
        }
    }

    @Test func concurrentCallersShareOneRefresh() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.credentialDelay = .milliseconds(300) }
            let provider = provider(testbed)
            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<10 { group.addTask { try await provider.credentials().accessKeyId } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(keys == ["ASIAROLEGEN1000000"])
            #expect(testbed.requests(to: Self.documentPath).count == 1)
            #expect(testbed.emulator.issuedTokenCount == 1)
        }
    }

    @Test func codeOtherThanSuccessIsAnError() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.credentials.code = "AssumeRoleUnauthorizedAccess" }
            let error = await #expect(throws: CredentialProviderError.self) { try await provider(testbed).credentials() }
            #expect(error == .instanceRoleRejected(role: "druid-node", code: "AssumeRoleUnauthorizedAccess"))
            #expect(error?.description.contains(CredentialTestFiles.secretMarker) == false)
        }
    }

    @Test(arguments: [
        ("{\"Code\": \"Success\", \"SecretAccessKey\": \"SECRET-broken\"", "it is not a JSON object of the documented shape"),
        ("{\"Code\": \"Success\", \"SecretAccessKey\": \"SECRET-a\", \"Token\": \"SECRET-t\", \"Expiration\": \"2025-11-25T16:00:00Z\"}", "AccessKeyId is missing"),
        ("{\"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"SECRET-a\", \"Token\": \"SECRET-t\"}", "Expiration is missing"),
        ("{\"AccessKeyId\": \"ASIAX\", \"SecretAccessKey\": \"SECRET-a\", \"Token\": \"SECRET-t\", \"Expiration\": \"SECRET-soon\"}", "Expiration is not an ISO 8601 timestamp"),
    ])
    func brokenDocumentsAreErrorsThatQuoteNothing(document: String, reason: String) async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.rawCredentialDocument = document }
            let error = await #expect(throws: CredentialProviderError.self) { try await provider(testbed).credentials() }
            #expect(error == .invalidInstanceRoleDocument(role: "druid-node", reason: reason))
            #expect(error?.description.contains(CredentialTestFiles.secretMarker) == false)
        }
    }

    @Test func fractionalSecondsInExpirationAreAccepted() throws {
        let credentials = try InstanceRoleCredentialDocument.parse(
            #"{"Code":"Success","AccessKeyId":"ASIAX","SecretAccessKey":"SECRET-a","Token":"SECRET-t","Expiration":"2025-11-25T16:00:00.250Z"}"#,
            role: "r"
        )
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_764_086_400.25))
    }

    @Test func noRoleAttachedPassesOn() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.roleName = nil }
            await #expect(throws: CredentialProviderError.notConfigured(source: "instance role", reason: "no IAM role is attached to this instance")) {
                try await provider(testbed).credentials()
            }
        }
    }

    @Test func noMetadataServicePassesOn() async throws {
        let provider = InstanceRoleCredentialProvider(
            metadata: InstanceMetadataClient(
                httpClient: InstanceMetadataCountingClient(),
                configuration: .resolved(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
            )
        )
        await #expect(throws: CredentialProviderError.notConfigured(
            source: "instance role", reason: "instance metadata is disabled (AWS_EC2_METADATA_DISABLED)"
        )) {
            try await provider.credentials()
        }
    }
}
