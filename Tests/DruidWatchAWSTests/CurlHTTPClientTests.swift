import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Testing

/// The libcurl client against a real HTTP server on loopback.
@Suite struct CurlHTTPClientTests {
    @Test func getPostPutCarryHeadersAndBodiesBothWays() async throws {
        try await LocalHTTPServer.with(handler: { request in
            .init(status: 201, headers: [.init("X-Echo-Method", request.method), .init("X-Custom", "yes")], text: "got \(request.bodyText)")
        }) { server in
            let client = CurlHTTPClient()
            let get = try await client.execute(HTTPRequest(method: .get, url: server.baseURL + "/a?b=c", headers: [HTTPHeader("X-Test", "1")]))
            #expect(get.status == 201)
            #expect(get.header("x-echo-method") == "GET")
            #expect(get.header("X-Custom") == "yes")
            #expect(String(decoding: get.body, as: UTF8.self) == "got ")

            let post = try await client.execute(HTTPRequest(method: .post, url: server.baseURL + "/p", headers: [HTTPHeader("Content-Type", "text/plain")], body: Data("hello".utf8)))
            #expect(post.header("X-Echo-Method") == "POST")
            #expect(String(decoding: post.body, as: UTF8.self) == "got hello")

            let put = try await client.execute(HTTPRequest(method: .put, url: server.baseURL + "/t", body: Data("x".utf8)))
            #expect(put.header("X-Echo-Method") == "PUT")
            let emptyPut = try await client.execute(HTTPRequest(method: .put, url: server.baseURL + "/t"))
            #expect(emptyPut.header("X-Echo-Method") == "PUT")

            let seen = server.requests
            #expect(seen.map(\.method) == ["GET", "POST", "PUT", "PUT"])
            #expect(seen[0].uri == "/a?b=c")
            #expect(seen[0].header("X-Test") == "1")
            #expect(seen[1].bodyText == "hello")
            #expect(seen[1].header("Content-Type") == "text/plain")
            #expect(seen[1].header("Expect") == nil)
            // One worker's handle is reused, so the connection is kept.
            #expect(Set(seen.map(\.connectionNumber)).count <= 2)
        }
    }

    @Test func totalTimeoutIsEnforced() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(5))
            return .status(200)
        }) { server in
            let started = ContinuousClock.now
            await #expect(throws: HTTPClientError.self) {
                _ = try await CurlHTTPClient().execute(HTTPRequest(method: .get, url: server.baseURL, totalTimeout: .milliseconds(300)))
            }
            #expect(ContinuousClock.now - started < .seconds(3))
            do {
                _ = try await CurlHTTPClient().execute(HTTPRequest(method: .get, url: server.baseURL, totalTimeout: .milliseconds(200)))
            } catch let error as HTTPClientError {
                guard case .timedOut = error else {
                    Issue.record("expected a timeout, got \(error)")
                    return
                }
                #expect(error.isRetryable)
            }
        }
    }

    @Test func oversizedResponseIsAbandonedAtTheLimit() async throws {
        try await LocalHTTPServer.with(handler: { _ in .init(body: Data(repeating: 65, count: 300_000)) }) { server in
            let client = CurlHTTPClient()
            do {
                _ = try await client.execute(HTTPRequest(method: .get, url: server.baseURL, maximumResponseBytes: 100_000))
                Issue.record("expected responseTooLarge")
            } catch let error as HTTPClientError {
                #expect(error == .responseTooLarge(url: server.baseURL, limit: 100_000))
            }
            let whole = try await client.execute(HTTPRequest(method: .get, url: server.baseURL, maximumResponseBytes: 300_000))
            #expect(whole.body.count == 300_000)
        }
    }

    @Test func refusedConnectionIsTypedWithCurlsMessage() async throws {
        do {
            _ = try await CurlHTTPClient().execute(HTTPRequest(method: .get, url: "http://127.0.0.1:1/", connectTimeout: .seconds(1)))
            Issue.record("expected an error")
        } catch {
            guard case let .couldNotConnect(url, message) = error else {
                Issue.record("expected couldNotConnect, got \(error)")
                return
            }
            #expect(url == "http://127.0.0.1:1/")
            #expect(message.contains("Couldn't connect"))
        }
    }

    @Test func unsupportedSchemeIsRefused() async throws {
        await #expect(throws: HTTPClientError.self) {
            _ = try await CurlHTTPClient().execute(HTTPRequest(method: .get, url: "file:///etc/passwd"))
        }
    }

    @Test func waitingRequestsAreBounded() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .milliseconds(500))
            return .status(204)
        }) { server in
            let client = CurlHTTPClient(configuration: .init(workerCount: 1, maximumQueuedRequests: 2))
            let outcomes = await withTaskGroup(of: HTTPClientError?.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await client.execute(HTTPRequest(method: .get, url: server.baseURL))
                            return nil
                        } catch let error as HTTPClientError {
                            return error
                        } catch {
                            return .invalidRequest("unexpected \(error)")
                        }
                    }
                }
                var all: [HTTPClientError?] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            let refused = outcomes.filter { $0 == .queueFull(limit: 2) }.count
            let succeeded = outcomes.filter { $0 == nil }.count
            #expect(refused >= 3)
            #expect(succeeded >= 1)
            #expect(refused + succeeded == 6)
        }
    }

    @Test func cancellingTheCallerAbortsTheTransfer() async throws {
        try await LocalHTTPServer.with(handler: { _ in
            try? await Task.sleep(for: .seconds(10))
            return .status(200)
        }) { server in
            let client = CurlHTTPClient()
            let started = ContinuousClock.now
            let task = Task {
                try await client.execute(HTTPRequest(method: .get, url: server.baseURL, totalTimeout: .seconds(30)))
            }
            try await Task.sleep(for: .milliseconds(300))
            task.cancel()
            let result = await task.result
            // Before the server's answer (10 s) could have ended it, with room for a busy runner.
            #expect(ContinuousClock.now - started < .seconds(9))
            guard case let .failure(error) = result else {
                Issue.record("expected the request to fail")
                return
            }
            #expect(error as? HTTPClientError == .cancelled)
        }
    }

    /// moto does not check signatures, so curl's SigV4 is recomputed by botocore, the
    /// AWS SDK's own implementation, from the request as the server received it.
    @Test func sigV4SignatureMatchesTheAWSSDK() async throws {
        try await LocalHTTPServer.with(handler: { _ in .status(200) }) { server in
            let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: "session/token+value=", source: "test")
            let body = Data("Action=PutMetricData&Version=2010-08-01&Namespace=Druid&MetricData.member.1.MetricName=query%2Ftime&MetricData.member.1.Value=1".utf8)
            _ = try await CurlHTTPClient().execute(HTTPRequest(
                method: .post, url: server.baseURL + "/",
                headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
                body: body,
                signing: AWSSigning(region: "eu-west-1", service: "monitoring", credentials: credentials)
            ))
            let request = try #require(server.requests.first)
            #expect(request.header("X-Amz-Security-Token") == "session/token+value=")
            let authorization = try #require(request.header("Authorization"))
            #expect(authorization.hasPrefix("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"))
            #expect(authorization.contains("/eu-west-1/monitoring/aws4_request"))
            #expect(!authorization.contains(credentials.secretAccessKey))

            let captured: [String: Any] = [
                "method": request.method,
                "url": "http://\(request.header("Host") ?? "127.0.0.1:\(server.port)")\(request.uri)",
                "headers": request.headers.map { [$0.name, $0.value] },
                "body_base64": request.body.base64EncodedString(),
                "access_key": credentials.accessKeyId,
                "secret_key": credentials.secretAccessKey,
                "region": "eu-west-1",
                "service": "monitoring",
            ]
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sigv4-\(UUID().uuidString).json")
            try JSONSerialization.data(withJSONObject: captured).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let verifier = try ChildProcess(executable: MotoServer.python, arguments: [
                Fixtures.repositoryRoot.appendingPathComponent("Tests/Tools/verify_sigv4.py").path, file.path,
            ])
            let output = await verifier.readToEnd()
            verifier.stop()
            let verdict = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any], "verifier said: \(String(decoding: output, as: UTF8.self))")
            #expect(verdict["error"] == nil)
            #expect(verdict["expected"] as? String == verdict["actual"] as? String, "canonical request: \(verdict["canonical_request"] ?? "")")
            #expect((verdict["signed_headers"] as? [String])?.contains("x-amz-security-token") == true)
            #expect((verdict["signed_headers"] as? [String])?.contains("host") == true)
        }
    }
}
