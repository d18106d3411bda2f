@testable import DruidWatchAWS
import DruidWatchTestSupport
import Foundation

/// An emulated metadata service on loopback, a controllable clock, and a counting
/// client over the real `CurlHTTPClient`, torn down after each test.
struct InstanceMetadataTestbed: Sendable {
    let emulator: InstanceMetadataEmulator
    let server: LocalHTTPServer
    let clock: CredentialTestClock
    let http: InstanceMetadataCountingClient
    let log: CredentialTestLog

    static func with<Result>(
        _ body: (InstanceMetadataTestbed) async throws -> Result
    ) async throws -> Result {
        let clock = CredentialTestClock()
        let emulator = InstanceMetadataEmulator(
            credentials: InstanceMetadataEmulator.roleCredentials(generation: 1, expiringAt: clock.now().addingTimeInterval(3600))
        )
        return try await LocalHTTPServer.with(handler: { await emulator.handle($0) }) { server throws in
            let testbed = InstanceMetadataTestbed(
                emulator: emulator, server: server, clock: clock, http: InstanceMetadataCountingClient(), log: CredentialTestLog()
            )
            return try await body(testbed)
        }
    }

    /// Longer timeouts than production's: the emulator answers from Swift's cooperative
    /// pool, which other tests running in parallel may hold for seconds on a 2-core
    /// machine, and a timeout there would turn into a retry the test did not expect.
    static func configuration(endpoint: String) -> InstanceMetadataClient.Configuration {
        InstanceMetadataClient.Configuration(endpoint: endpoint, connectTimeout: .seconds(10), totalTimeout: .seconds(20))
    }

    func client(_ adjust: (inout InstanceMetadataClient.Configuration) -> Void = { _ in }) -> InstanceMetadataClient {
        var configuration = Self.configuration(endpoint: server.baseURL)
        adjust(&configuration)
        return InstanceMetadataClient(httpClient: http, configuration: configuration, clock: clock, logger: log.logger())
    }

    /// Requests the emulator received, as "METHOD path".
    var requestLines: [String] {
        server.requests.map { "\($0.method) \($0.path)" }
    }

    func requests(to path: String) -> [LocalHTTPServer.RecordedRequest] {
        server.requests.filter { $0.path == path }
    }
}
