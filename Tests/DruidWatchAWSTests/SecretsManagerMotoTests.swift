import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// CreateSecret and GetSecretValue against a real moto_server on loopback.
@Suite struct SecretsManagerMotoTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))

    private func client(_ moto: MotoServer) -> SecretsManagerClient {
        SecretsManagerClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
    }

    @Test func createThenGet() async throws {
        try await MotoServer.with { moto in
            let secrets = client(moto)
            let value = #"{"username":"druid_system","password":"p@ss:word\"1"}"#
            let arn = try await secrets.createSecret(name: "druid/system-account", secretString: value)
            #expect(arn.hasPrefix("arn:aws:secretsmanager:us-east-1:"))

            let byName = try await secrets.getSecretValue(secretId: "druid/system-account")
            #expect(byName.secretString == value)
            #expect(byName.name == "druid/system-account")
            #expect(byName.arn == arn)
            #expect(byName.versionId?.isEmpty == false)
            #expect(!String(describing: byName).contains("p@ss"))

            let byARN = try await secrets.getSecretValue(secretId: arn)
            #expect(byARN.secretString == value)
            let parsed = try DruidSystemCredentials.parseSecret(try #require(byARN.secretString))
            #expect(parsed == DruidSystemCredentials(username: "druid_system", password: "p@ss:word\"1"))
        }
    }

    @Test func missingSecretIsResourceNotFound() async throws {
        try await MotoServer.with { moto in
            do {
                _ = try await client(moto).getSecretValue(secretId: "druid/no-such-secret")
                Issue.record("expected ResourceNotFoundException")
            } catch let SecretsManagerError.resourceNotFound(error) {
                // AWS answers 400; moto 5.2 answers this one with 404.
                #expect([400, 404].contains(error.httpStatus))
                #expect(error.code == "ResourceNotFoundException")
                #expect(error.message.contains("can't find the specified secret"))
                #expect(!SecretsManagerError.resourceNotFound(error).isRetryable)
            }
        }
    }

    @Test func providerReadsTheSecretFromMoto() async throws {
        try await MotoServer.with { moto in
            let secrets = client(moto)
            try await secrets.createSecret(name: "druid-escalator", secretString: #"{"user":"escalator","password":"s3cr3t","engine":"druid"}"#)
            let provider = SecretsManagerDruidCredentialProvider(secretId: "druid-escalator", client: secrets)
            let credentials = try await provider.credentials()
            #expect(credentials == DruidSystemCredentials(username: "escalator", password: "s3cr3t"))
            #expect(!"\(credentials)".contains("s3cr3t"))

            let missing = SecretsManagerDruidCredentialProvider(secretId: "nope", client: secrets, retryDelay: .milliseconds(1))
            await #expect(throws: DruidCredentialsError.self) { try await missing.credentials() }
        }
    }
}
