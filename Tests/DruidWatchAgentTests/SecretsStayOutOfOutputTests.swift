import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real agent, logging at trace, handed every secret it can hold: the AWS secret
/// key, the emitter's basic-auth password, and the Druid system account from Secrets
/// Manager (used against a Druid that refuses it, so that the error paths run too).
/// None of them, nor their Basic-auth encodings, appears in anything it prints.
@Suite(.timeLimit(.minutes(3)))
struct SecretsStayOutOfOutputTests {
    static let awsSecretKey = "SK-aws-1d9e7a50c3"
    static let emitterPassword = "PW-emitter-8b2d61"
    static let druidPassword = "PW-druid-4f1c9e27"

    static func basic(_ user: String, _ password: String) -> String {
        Data("\(user):\(password)".utf8).base64EncodedString()
    }

    @Test(.enabled(if: DruidWatchExecutable.path != nil, "druidwatch not built next to the tests"))
    func noSecretIsEverPrinted() async throws {
        let workspace = try Workspace()
        try await MotoServer.with { moto in
            let secrets = SecretsManagerClient(
                http: workspace.http, credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.awsSecretKey, source: "test")),
                region: "us-east-1", endpointOverride: moto.endpoint
            )
            _ = try await secrets.createSecret(name: "druid/system-account", secretString: #"{"username":"druid_system","password":"\#(Self.druidPassword)"}"#)

            try await LocalHTTPServer.with(handler: { request in
                request.path.hasPrefix("/status/health") ? .init(text: "true") : .status(401, "Unauthorized: credentials \(request.header("authorization") ?? "-") refused")
            }) { druid in
                let config = workspace.directory.appendingPathComponent("secrets.yaml")
                try """
                    cluster: secret-test
                    namespace: SecretTest
                    period: 5s
                    collection_interval: 5s
                    identity: {instance_id: none, auto_scaling_group: none, host: secret-host}
                    aws: {region: us-east-1, endpoint_url: \(moto.endpoint), imds: false}
                    sources:
                      host: {enabled: false}
                      jvm: {enabled: false}
                      druid_emitter:
                        listen: 127.0.0.1:\(workspace.emitterPort)
                        basic_auth: {username: druid_emitter, password: \(Self.emitterPassword)}
                      druid_health:
                        discover: false
                        services: {coordinator: \(druid.baseURL)}
                        credentials: {secret_id: druid/system-account}
                    spool: {directory: \(workspace.spool.path)}
                    self_metrics: {listen: 127.0.0.1:\(workspace.statusPort)}
                    logging: {level: trace}

                    """.write(to: config, atomically: true, encoding: .utf8)
                let agent = try AgentProcessDuringOutageTests.start(config: config, secretAccessKey: Self.awsSecretKey)
                let wrong = await AgentProcessDuringOutageTests.eventually(within: 30) {
                    let answer = try? await workspace.http.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(workspace.emitterPort)/", headers: [
                        HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "Basic " + Self.basic("druid_emitter", Self.emitterPassword + "x")),
                    ], body: Data("[]".utf8)))
                    return answer?.status == 401
                }
                #expect(wrong, "the receiver never refused the wrong password")
                let right = try await workspace.http.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(workspace.emitterPort)/", headers: [
                    HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", "Basic " + Self.basic("druid_emitter", Self.emitterPassword)),
                ], body: Data("[]".utf8)))
                #expect(right.status == 200)
                // The Druid secret was fetched and used (and refused) at least once.
                let used = await AgentProcessDuringOutageTests.eventually(within: 30) {
                    druid.requests.contains { $0.header("authorization") == "Basic " + Self.basic("druid_system", Self.druidPassword) }
                }
                #expect(used, "the agent never used the Druid system account")
                let status = try await DruidWatchExecutable.run(["status", "--address", "127.0.0.1:\(workspace.statusPort)"])
                let check = try await DruidWatchExecutable.run(["check-config", config.path])
                let output = await agent.kill(SIGTERM) + status.output + check.output
                #expect(output.contains("trace") || output.count > 1_000, "the agent logged at trace: \(output.count) bytes")
                for secret in [
                    Self.awsSecretKey, Self.emitterPassword, Self.druidPassword,
                    Self.basic("druid_emitter", Self.emitterPassword), Self.basic("druid_system", Self.druidPassword),
                ] {
                    #expect(!output.contains(secret), "\(secret) printed")
                }
            }
        }
    }
}
