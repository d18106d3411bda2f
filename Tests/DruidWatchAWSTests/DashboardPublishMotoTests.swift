import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The committed dashboards against a real moto_server: PutDashboard accepts each body,
/// GetDashboard returns it unchanged, publishing again changes nothing, and the aws CLI
/// imports the files as they are. (moto validates no dashboard; DashboardValidator does.)
@Suite struct DashboardPublishMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    static func committed() throws -> [RenderedDashboard] {
        let directory = Fixtures.repositoryRoot.appendingPathComponent("dashboards")
        return try DruidDashboards.Kind.allCases.map { kind in
            RenderedDashboard(
                name: "druid-prod-druid-\(kind.rawValue)",
                fileName: kind.rawValue,
                json: String(try String(contentsOf: directory.appendingPathComponent("\(kind.rawValue).json"), encoding: .utf8).dropLast())
            )
        }
    }

    @Test func everyCommittedDashboardIsAcceptedAndReadBackUnchanged() async throws {
        let dashboards = try Self.committed()
        try await MotoServer.with { moto in
            let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let publisher = DashboardPublisher(cloudWatch: cloudWatch)
            for (dashboard, outcome) in await publisher.publish(dashboards) {
                guard case let .published(warnings) = outcome else {
                    Issue.record("\(dashboard.name): \(outcome)")
                    continue
                }
                #expect(warnings == [], "\(dashboard.name)")
                let stored = try await cloudWatch.getDashboard(name: dashboard.name)
                #expect(stored.name == dashboard.name)
                #expect(stored.body == dashboard.json, "\(dashboard.name) came back changed")
            }
            let listed = try await cloudWatch.listDashboards(namePrefix: "druid-prod-druid-")
            #expect(Set(listed.map(\.name)) == Set(dashboards.map(\.name)))

            // Idempotent: the second run finds every body current and puts nothing.
            for (dashboard, outcome) in await publisher.publish(dashboards) {
                guard case .unchanged = outcome else {
                    Issue.record("\(dashboard.name) was published again: \(outcome)")
                    continue
                }
            }
        }
    }

    @Test func aMissingDashboardIsATypedError() async throws {
        try await MotoServer.with { moto in
            let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            do {
                _ = try await cloudWatch.getDashboard(name: "nope")
                Issue.record("GetDashboard of a missing dashboard succeeded")
            } catch let AWSCallError.service(error) {
                #expect(error.code == "ResourceNotFound")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func theAWSCLIImportsTheCommittedFilesAsTheyAre() async throws {
        let aws = URL(fileURLWithPath: MotoServer.python).deletingLastPathComponent().appendingPathComponent("aws").path
        guard FileManager.default.isExecutableFile(atPath: aws) else {
            Issue.record("no aws CLI at \(aws): `make test` installs awscli into .venv")
            return
        }
        let environment = ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_DEFAULT_REGION": "us-east-1", "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        let dashboards = try Self.committed()
        try await MotoServer.with { moto in
            for dashboard in dashboards {
                let file = Fixtures.repositoryRoot.appendingPathComponent("dashboards/\(dashboard.fileName).json").path
                let put = try await Self.run(aws, ["cloudwatch", "put-dashboard", "--dashboard-name", dashboard.name, "--dashboard-body", "file://\(file)", "--endpoint-url", moto.endpoint, "--output", "json"], environment)
                #expect(put.status == 0, "\(put.output)")
                let answer = try JSONSerialization.jsonObject(with: Data(put.output.utf8)) as? [String: Any]
                #expect((answer?["DashboardValidationMessages"] as? [Any])?.isEmpty ?? true, "\(put.output)")

                let get = try await Self.run(aws, ["cloudwatch", "get-dashboard", "--dashboard-name", dashboard.name, "--endpoint-url", moto.endpoint, "--output", "json"], environment)
                let stored = try JSONSerialization.jsonObject(with: Data(get.output.utf8)) as? [String: Any]
                #expect(stored?["DashboardBody"] as? String == dashboard.fileContents, "\(dashboard.name) came back changed")
            }
        }
    }

    /// Runs a program to the end on a thread of its own (not Swift's cooperative pool).
    static func run(_ executable: String, _ arguments: [String], _ environment: [String: String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = environment
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = pipe
                do {
                    try process.run()
                    let output = pipe.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: output, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }
}
