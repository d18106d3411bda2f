@testable import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct InstanceMetadataClientTests {
    // MARK: The emulator behaves like IMDSv2

    @Test func emulatorRequiresAToken() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let curl = CurlHTTPClient()
            let base = testbed.server.baseURL
            let tokenless = try await curl.execute(HTTPRequest(method: .get, url: "\(base)/latest/meta-data/instance-id"))
            #expect(tokenless.status == 401)
            let forged = try await curl.execute(HTTPRequest(
                method: .get, url: "\(base)/latest/meta-data/instance-id", headers: [HTTPHeader("X-aws-ec2-metadata-token", "forged")]
            ))
            #expect(forged.status == 401)
            let withoutTTL = try await curl.execute(HTTPRequest(method: .put, url: "\(base)/latest/api/token"))
            #expect(withoutTTL.status == 400)
            let tooLong = try await curl.execute(HTTPRequest(
                method: .put, url: "\(base)/latest/api/token", headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", "21601")]
            ))
            #expect(tooLong.status == 400)
        }
    }

    // MARK: Reading metadata

    @Test func tokenFirstThenEveryGetCarriesIt() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client()
            #expect(try await client.instanceId() == "i-0abc1234def567890")
            #expect(try await client.region() == "eu-central-1")
            #expect(try await client.autoScalingGroupName() == "druid-historicals")

            #expect(testbed.requestLines == [
                "PUT /latest/api/token",
                "GET /latest/meta-data/instance-id",
                "GET /latest/meta-data/placement/region",
                "GET /latest/meta-data/tags/instance/aws:autoscaling:groupName",
            ])
            let requests = testbed.server.requests
            #expect(requests[0].header("X-aws-ec2-metadata-token-ttl-seconds") == "21600")
            let token = try #require(requests.dropFirst().first?.header("X-aws-ec2-metadata-token"))
            #expect(token.hasPrefix("TOKEN-1-"))
            #expect(requests.dropFirst().allSatisfy { $0.header("X-aws-ec2-metadata-token") == token })
            #expect(testbed.emulator.issuedTokenCount == 1)
        }
    }

    @Test func getReturnsNilOn404() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.autoScalingGroupName = nil }
            let client = testbed.client()
            #expect(try await client.autoScalingGroupName() == nil)
            #expect(try await client.get(path: "no/such/path") == nil)
            #expect(try await client.get(path: "/instance-id") == "i-0abc1234def567890")
            testbed.emulator.update { $0.instanceId = "  " }
            await #expect(throws: InstanceMetadataError.missing(path: "instance-id")) {
                try await client.instanceId()
            }
        }
    }

    @Test func oneWorkerReusesOneConnection() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = InstanceMetadataClient(
                httpClient: CurlHTTPClient(configuration: .init(workerCount: 1)),
                configuration: InstanceMetadataTestbed.configuration(endpoint: testbed.server.baseURL),
                clock: testbed.clock
            )
            for _ in 0..<3 { _ = try await client.instanceId() }
            #expect(testbed.server.requests.count == 4)
            #expect(Set(testbed.server.requests.map(\.connectionNumber)).count == 1)
        }
    }

    // MARK: Session token lifetime

    @Test func tokenIsRenewedBeforeItsTTLEnds() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client()
            _ = try await client.instanceId()
            testbed.clock.advance(by: 21_600 - 61)
            _ = try await client.instanceId()
            #expect(testbed.emulator.issuedTokenCount == 1)

            // Within the renewal margin (60 s) of the end: a new token before the request.
            testbed.clock.advance(by: 2)
            _ = try await client.instanceId()
            #expect(testbed.emulator.issuedTokenCount == 2)
            let tokens = testbed.requests(to: "/latest/meta-data/instance-id").map { $0.header("X-aws-ec2-metadata-token") ?? "" }
            #expect(tokens[0] == tokens[1])
            #expect(tokens[2] != tokens[1])
            #expect(tokens[2].hasPrefix("TOKEN-2-"))
        }
    }

    @Test func grantedTTLFromTheResponseIsHonoured() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client { $0.tokenTTL = .seconds(120) }
            _ = try await client.instanceId()
            #expect(testbed.server.requests[0].header("X-aws-ec2-metadata-token-ttl-seconds") == "120")
            testbed.clock.advance(by: 59)
            _ = try await client.instanceId()
            #expect(testbed.emulator.issuedTokenCount == 1)
            testbed.clock.advance(by: 2)  // past ttl minus margin (min(60, ttl/2) = 60)
            _ = try await client.instanceId()
            #expect(testbed.emulator.issuedTokenCount == 2)
        }
    }

    @Test func a401RenewsTheTokenOnce() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client()
            _ = try await client.instanceId()
            testbed.emulator.revokeTokens()
            #expect(try await client.region() == "eu-central-1")
            #expect(testbed.requestLines == [
                "PUT /latest/api/token",
                "GET /latest/meta-data/instance-id",
                "GET /latest/meta-data/placement/region",
                "PUT /latest/api/token",
                "GET /latest/meta-data/placement/region",
            ])
            let regionRequests = testbed.requests(to: "/latest/meta-data/placement/region")
            #expect(regionRequests[0].header("X-aws-ec2-metadata-token") != regionRequests[1].header("X-aws-ec2-metadata-token"))
        }
    }

    @Test func persistent401IsAnErrorAfterOneRenewal() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.rejectAllTokens = true }
            let client = testbed.client()
            await #expect(throws: InstanceMetadataError.unauthorized(path: "instance-id")) {
                try await client.instanceId()
            }
            #expect(testbed.requestLines == [
                "PUT /latest/api/token", "GET /latest/meta-data/instance-id",
                "PUT /latest/api/token", "GET /latest/meta-data/instance-id",
            ])
        }
    }

    @Test func concurrentCallersShareOneToken() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client()
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await client.instanceId() } }
                for try await id in group { #expect(id == "i-0abc1234def567890") }
            }
            #expect(testbed.emulator.issuedTokenCount == 1)
        }
    }

    // MARK: Retries

    @Test func serverErrorsAndDroppedConnectionsAreRetried() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update {
                $0.scripted["/latest/api/token"] = [.dropConnection]
                $0.scripted["/latest/meta-data/instance-id"] = [.status(503)]
            }
            let client = testbed.client()
            #expect(try await client.instanceId() == "i-0abc1234def567890")
            #expect(testbed.requestLines == [
                "PUT /latest/api/token", "PUT /latest/api/token",
                "GET /latest/meta-data/instance-id", "GET /latest/meta-data/instance-id",
            ])
        }
    }

    @Test func attemptsAreBounded() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.scripted["/latest/meta-data/instance-id"] = Array(repeating: .status(500), count: 5) }
            let client = testbed.client { $0.maximumAttempts = 3 }
            await #expect(throws: InstanceMetadataError.unexpectedStatus(path: "instance-id", status: 500)) {
                try await client.instanceId()
            }
            #expect(testbed.requests(to: "/latest/meta-data/instance-id").count == 3)
        }
    }

    // MARK: Not on EC2

    /// A refused connection is reported at once, not after the timeouts; this uses
    /// timeouts far longer than the limit checked, so that only a refusal passes (and a
    /// busy machine stalling the test for a few seconds does not fail it).
    @Test func closedPortFailsFastAndIsRemembered() async throws {
        let closedPort = try ClosedPort()
        let endpoint = "http://127.0.0.1:\(closedPort.port)"
        let http = InstanceMetadataCountingClient()
        let clock = CredentialTestClock()
        var configuration = InstanceMetadataTestbed.configuration(endpoint: endpoint)
        configuration.connectTimeout = .seconds(120)
        configuration.totalTimeout = .seconds(120)
        let client = InstanceMetadataClient(httpClient: http, configuration: configuration, clock: clock, logger: CredentialTestLog().logger())

        let started = ContinuousClock.now
        let thrown = await #expect(throws: InstanceMetadataError.self) { try await client.instanceId() }
        // Refused, not waited out: far below the timeouts even on a busy machine.
        #expect(ContinuousClock.now - started < .seconds(60))
        let error = try #require(thrown)
        guard case let .unreachable(reported, _) = error else {
            Issue.record("expected .unreachable, got \(error)")
            return
        }
        #expect(reported == endpoint)
        #expect(http.count == 2)  // the default two attempts
        #expect(await client.isKnownUnavailable)

        // Remembered: no request at all, the same error.
        await #expect(throws: error) { try await client.region() }
        await #expect(throws: error) { try await client.get(path: "iam/security-credentials/") }
        #expect(http.count == 2)

        // Tried again once the recheck interval has passed.
        clock.advance(by: 301)
        #expect(await !client.isKnownUnavailable)
        await #expect(throws: InstanceMetadataError.self) { try await client.instanceId() }
        #expect(http.count == 4)
        _ = closedPort
    }

    @Test func silentPeerTimesOutAndIsRemembered() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(30))
            return .status(200, "too late")
        }) { server throws in
            let http = InstanceMetadataCountingClient()
            var configuration = InstanceMetadataTestbed.configuration(endpoint: server.baseURL)
            configuration.totalTimeout = .milliseconds(300)
            let client = InstanceMetadataClient(
                httpClient: http, configuration: configuration, clock: CredentialTestClock(), logger: CredentialTestLog().logger()
            )

            // Two attempts of 300 ms each, against a peer that would answer after 30 s.
            let started = ContinuousClock.now
            let error = await #expect(throws: InstanceMetadataError.self) { try await client.instanceId() }
            #expect(ContinuousClock.now - started < .seconds(15))
            #expect(error?.meansUnavailable == true)
            #expect(http.count == 2)
            await #expect(throws: InstanceMetadataError.self) { try await client.instanceId() }
            #expect(http.count == 2)
        }
    }

    @Test(arguments: [403, 404, 405])
    func somethingElseAtTheAddressIsNotIMDSv2(status: Int) async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(status, "metadata of another kind") }) { server throws in
            let client = InstanceMetadataClient(
                httpClient: CurlHTTPClient(), configuration: InstanceMetadataTestbed.configuration(endpoint: server.baseURL),
                clock: CredentialTestClock(), logger: CredentialTestLog().logger()
            )
            await #expect(throws: InstanceMetadataError.tokenRefused(endpoint: server.baseURL, status: status)) {
                try await client.instanceId()
            }
            await #expect(throws: InstanceMetadataError.tokenRefused(endpoint: server.baseURL, status: status)) {
                try await client.instanceId()
            }
            // Never IMDSv1: no tokenless GET, and the refusal is remembered.
            #expect(server.requests.map(\.method) == ["PUT"])
        }
    }

    @Test func failuresAfterTheServiceAnsweredAreNotRemembered() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = testbed.client()
            _ = try await client.instanceId()
            testbed.clock.advance(by: 21_600)
            testbed.emulator.update { $0.scripted["/latest/api/token"] = [.status(500), .status(500)] }
            await #expect(throws: InstanceMetadataError.unexpectedStatus(path: "/latest/api/token", status: 500)) {
                try await client.instanceId()
            }
            #expect(await !client.isKnownUnavailable)
            #expect(try await client.instanceId() == "i-0abc1234def567890")
        }
    }

    // MARK: Configuration

    @Test func disabledMakesNoRequest() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let configuration = InstanceMetadataClient.Configuration.resolved(
                endpoint: testbed.server.baseURL, environment: ["AWS_EC2_METADATA_DISABLED": "TRUE"]
            )
            #expect(configuration.isDisabled)
            let client = InstanceMetadataClient(httpClient: testbed.http, configuration: configuration)
            await #expect(throws: InstanceMetadataError.disabled) { try await client.instanceId() }
            await #expect(throws: InstanceMetadataError.disabled) { try await client.autoScalingGroupName() }
            #expect(await client.isKnownUnavailable)
            #expect(testbed.http.count == 0)
            #expect(testbed.server.requests.isEmpty)
        }
    }

    @Test func endpointResolution() {
        typealias Configuration = InstanceMetadataClient.Configuration
        #expect(Configuration.resolved(environment: [:]).endpoint == "http://169.254.169.254")
        #expect(!Configuration.resolved(environment: [:]).isDisabled)
        #expect(!Configuration.resolved(environment: ["AWS_EC2_METADATA_DISABLED": "false"]).isDisabled)
        #expect(Configuration.resolved(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:8111/"]).endpoint == "http://127.0.0.1:8111")
        #expect(Configuration.resolved(
            endpoint: "http://127.0.0.1:9999", environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:8111"]
        ).endpoint == "http://127.0.0.1:9999")
        #expect(Configuration.resolved(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"]).endpoint == "http://[fd00:ec2::254]")
        let defaults = Configuration()
        #expect(defaults.connectTimeout == .seconds(1))
        #expect(defaults.totalTimeout == .seconds(2))
        #expect(defaults.tokenTTL == .seconds(21_600))
    }

    @Test func endpointFromTheEnvironmentIsUsed() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let client = InstanceMetadataClient(
                httpClient: testbed.http,
                endpoint: nil,
                environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": testbed.server.baseURL + "/"],
                clock: testbed.clock
            )
            #expect(try await client.region() == "eu-central-1")
            #expect(testbed.http.requests.first?.url == testbed.server.baseURL + "/latest/api/token")
        }
    }
}
