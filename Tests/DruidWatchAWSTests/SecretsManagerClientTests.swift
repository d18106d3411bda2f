import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Synchronization
import Testing

/// The request on the wire, error parsing, and the credentials provider's caching,
/// against a loopback server standing in for Secrets Manager.
@Suite struct SecretsManagerClientTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", sessionToken: "token-1", source: "test"))

    private func client(_ server: LocalHTTPServer) -> SecretsManagerClient {
        SecretsManagerClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "eu-west-1", endpointOverride: server.baseURL + "/")
    }

    @Test func defaultEndpoint() {
        let secrets = SecretsManagerClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "eu-west-1")
        #expect(secrets.json.endpoint == "https://secretsmanager.eu-west-1.amazonaws.com/")
    }

    @Test func getSecretValueRequestIsTheDocumentedOne() async throws {
        let answer = #"{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:druid-AbCdEf","Name":"druid","VersionId":"v1","SecretString":"{\"username\":\"a\",\"password\":\"b\"}","VersionStages":["AWSCURRENT"],"CreatedDate":1.523477145713E9}"#
        try await LocalHTTPServer.with(handler: { _ in .init(headers: [.init("Content-Type", "application/x-amz-json-1.1")], text: answer) }) { server in
            let value = try await client(server).getSecretValue(secretId: "druid")
            #expect(value.secretString == #"{"username":"a","password":"b"}"#)
            #expect(value.versionId == "v1")
            let request = try #require(server.requests.first)
            #expect(request.method == "POST")
            #expect(request.uri == "/")
            #expect(request.header("X-Amz-Target") == "secretsmanager.GetSecretValue")
            #expect(request.header("Content-Type") == "application/x-amz-json-1.1")
            #expect(request.header("X-Amz-Security-Token") == "token-1")
            let body = try JSONSerialization.jsonObject(with: request.body) as? [String: String]
            #expect(body == ["SecretId": "druid"])
            let authorization = try #require(request.header("Authorization"))
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
            #expect(authorization.contains("/eu-west-1/secretsmanager/aws4_request"))
            let signed = authorization.components(separatedBy: "SignedHeaders=").last?.components(separatedBy: ",").first ?? ""
            #expect(signed.split(separator: ";").contains("x-amz-target"))
        }
    }

    @Test func binarySecret() async throws {
        let answer = #"{"Name":"blob","SecretBinary":"AAEC/w=="}"#
        try await LocalHTTPServer.with(handler: { _ in .status(200, answer) }) { server in
            let value = try await client(server).getSecretValue(secretId: "blob")
            #expect(value.secretBinary == Data([0, 1, 2, 255]))
            #expect(value.secretString == nil)
        }
    }

    @Test(arguments: [
        (400, #"{"__type":"ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}"#, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
        (400, #"{"__type":"com.amazonaws.secretsmanager#AccessDeniedException","Message":"no"}"#, "AccessDeniedException", "no"),
        (400, #"{"__type":"DecryptionFailure:http://internal.amazon.com/coral/com.amazonaws.kms/","message":"kms"}"#, "DecryptionFailure", "kms"),
        (400, #"{"__type":"ThrottlingException","message":"Rate exceeded"}"#, "ThrottlingException", "Rate exceeded"),
        (503, "<html>Service Unavailable</html>", "HTTP503", "unexpected response body: <html>Service Unavailable</html>"),
        (500, "", "HTTP500", "empty response body"),
    ])
    func jsonErrors(status: Int, body: String, code: String, message: String) {
        let error = AWSJSONError.serviceError(status: status, headers: [HTTPHeader("x-amzn-RequestId", "req-1")], body: Data(body.utf8))
        #expect(error.code == code)
        #expect(error.message == message)
        #expect(error.httpStatus == status)
        #expect(error.requestId == "req-1")
    }

    @Test func errorTypeFromHeader() {
        let error = AWSJSONError.serviceError(status: 400, headers: [HTTPHeader("X-Amzn-ErrorType", "InvalidRequestException:")], body: Data("{}".utf8))
        #expect(error.code == "InvalidRequestException")
    }

    @Test func typedErrors() async throws {
        let replies: [(Int, String)] = [
            (400, #"{"__type":"ResourceNotFoundException","message":"gone"}"#),
            (400, #"{"__type":"InvalidRequestException","message":"scheduled for deletion"}"#),
            (400, #"{"__type":"ThrottlingException","message":"slow down"}"#),
            (200, "not json"),
        ]
        let next = Mutex(0)
        try await LocalHTTPServer.with(handler: { _ in
            let index = next.withLock { index in
                defer { index += 1 }
                return index
            }
            return .status(replies[index].0, replies[index].1)
        }) { server in
            let secrets = client(server)
            var errors: [SecretsManagerError] = []
            for _ in replies {
                do {
                    _ = try await secrets.getSecretValue(secretId: "x")
                } catch let error as SecretsManagerError {
                    errors.append(error)
                }
            }
            #expect(errors.count == 4)
            guard errors.count == 4 else { return }
            if case .resourceNotFound = errors[0] {} else { Issue.record("\(errors[0])") }
            if case .invalidRequest = errors[1] {} else { Issue.record("\(errors[1])") }
            if case let .call(.service(throttled)) = errors[2] { #expect(throttled.code == "ThrottlingException") } else { Issue.record("\(errors[2])") }
            #expect(errors[2].isRetryable)
            if case .call(.malformedResponse) = errors[3] {} else { Issue.record("\(errors[3])") }
            #expect(!errors[3].isRetryable)
        }
    }

    @Test func secretShapes() throws {
        #expect(try DruidSystemCredentials.parseSecret(#"{"username":"a","password":"b"}"#) == .init(username: "a", password: "b"))
        #expect(try DruidSystemCredentials.parseSecret(#"{"user":"a","password":""}"#) == .init(username: "a", password: ""))
        #expect(try DruidSystemCredentials.parseSecret(#"{"username":"a","user":"z","password":"b","port":8081}"#).username == "a")
        for bad in ["", "plain text", "[]", #"{"password":"b"}"#, #"{"username":"a"}"#, #"{"username":"","password":"b"}"#, #"{"username":1,"password":"b"}"#] {
            #expect(throws: DruidCredentialsError.self) { try DruidSystemCredentials.parseSecret(bad) }
        }
        do {
            _ = try DruidSystemCredentials.parseSecret(#"{"username":"a","pass":"hunter2"}"#)
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
        let credentials = DruidSystemCredentials(username: "druid_system", password: "hunter2")
        #expect(!"\(credentials)".contains("hunter2") && !String(reflecting: credentials).contains("hunter2"))
    }

    final class TestClock: WallClock {
        let current = Mutex(Date(timeIntervalSince1970: 1_764_064_800))
        func now() -> Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// A Secrets Manager whose secret's password is whatever `password` holds, failing
    /// `failures` times first with a retryable error.
    final class FakeSecretsManager: Sendable {
        let password = Mutex("first")
        let failures = Mutex(0)
        let calls = Mutex(0)

        func handler() -> LocalHTTPServer.Handler {
            { _ in
                self.calls.withLock { $0 += 1 }
                let fail = self.failures.withLock { count in
                    defer { count = max(0, count - 1) }
                    return count > 0
                }
                if fail { return .status(500, #"{"__type":"InternalServiceError","message":"try again"}"#) }
                let secret = #"{"username":"druid_system","password":"\#(self.password.withLock { $0 })"}"#
                let body = try! JSONSerialization.data(withJSONObject: ["Name": "druid", "SecretString": secret])
                return .init(body: body)
            }
        }
    }

    @Test func providerCachesRefreshesAfterTTLAndOnRejection() async throws {
        let fake = FakeSecretsManager()
        try await LocalHTTPServer.with(handler: fake.handler()) { server in
            let clock = TestClock()
            let provider = SecretsManagerDruidCredentialProvider(
                secretId: "druid", client: client(server), clock: clock,
                timeToLive: .seconds(300), minimumRefreshInterval: .seconds(30), retryDelay: .milliseconds(1)
            )
            // Concurrent first callers share one fetch.
            async let a = provider.credentials()
            async let b = provider.credentials()
            let (first, second) = try await (a, b)
            #expect(first.password == "first" && second.password == "first")
            #expect(fake.calls.withLock { $0 } == 1)

            // Cached within the TTL even though the secret changed.
            fake.password.withLock { $0 = "second" }
            clock.advance(299)
            #expect(try await provider.credentials().password == "first")
            #expect(fake.calls.withLock { $0 } == 1)
            // After the TTL: fetched again.
            clock.advance(2)
            #expect(try await provider.credentials().password == "second")
            #expect(fake.calls.withLock { $0 } == 2)

            // Rejected by Druid: fetched again, but not sooner than 30 s after the last fetch.
            fake.password.withLock { $0 = "third" }
            await provider.credentialsRejected()
            #expect(try await provider.credentials().password == "second")
            clock.advance(31)
            #expect(try await provider.credentials().password == "third")
            #expect(fake.calls.withLock { $0 } == 3)

            // Retryable failures are retried a bounded number of times.
            fake.failures.withLock { $0 = 2 }
            fake.password.withLock { $0 = "fourth" }
            clock.advance(301)
            #expect(try await provider.credentials().password == "fourth")
            #expect(fake.calls.withLock { $0 } == 6)

            // When every attempt fails, the kept credentials go on being used.
            fake.failures.withLock { $0 = 10 }
            clock.advance(301)
            #expect(try await provider.credentials().password == "fourth")
            #expect(fake.calls.withLock { $0 } == 9, "three attempts, no more")
            // ... and the next try waits for the minimum interval.
            #expect(try await provider.credentials().password == "fourth")
            #expect(fake.calls.withLock { $0 } == 9)
        }
    }

    @Test func providerWithoutAnyCredentialsThrows() async throws {
        let fake = FakeSecretsManager()
        fake.failures.withLock { $0 = 100 }
        try await LocalHTTPServer.with(handler: fake.handler()) { server in
            let provider = SecretsManagerDruidCredentialProvider(secretId: "druid", client: client(server), maximumAttempts: 2, retryDelay: .milliseconds(1))
            await #expect(throws: DruidCredentialsError.self) { try await provider.credentials() }
            #expect(fake.calls.withLock { $0 } == 2)
        }
    }
}
