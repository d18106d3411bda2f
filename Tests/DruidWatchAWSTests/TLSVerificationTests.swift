import DruidWatchAWS
import DruidWatchTestSupport
import Foundation
import Testing

/// Every HTTPS call verifies the peer: a loopback server with a self-signed certificate
/// (made with the openssl CLI, served by Python's ssl module) is refused with curl's
/// certificate error, and no setting of the client turns that off.
@Suite(.timeLimit(.minutes(1)))
struct TLSVerificationTests {
    static var hasTools: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    }

    @Test(.enabled(if: hasTools, "needs openssl and python3"))
    func aSelfSignedCertificateIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let key = directory.path + "/key.pem", certificate = directory.path + "/cert.pem"
        let made = try ChildProcess(executable: "/usr/bin/openssl", arguments: [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ])
        let output = String(decoding: await made.readToEnd(), as: UTF8.self)
        let status = await made.exitStatus()
        #expect(status == 0, "\(output)")
        let port = try ClosedPort.free()
        let server = try ChildProcess(executable: "/usr/bin/python3", arguments: ["-c", """
            import http.server, ssl
            class Answer(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
            server = http.server.HTTPServer(("127.0.0.1", \(port)), Answer)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain("\(certificate)", "\(key)")
            server.socket = context.wrap_socket(server.socket, server_side=True)
            server.serve_forever()
            """])
        defer { server.stop() }
        let client = CurlHTTPClient()
        defer { client.shutDown() }
        var answer: Result<HTTPResponse, HTTPClientError>?
        for _ in 0..<50 {
            do {
                answer = .success(try await client.execute(HTTPRequest(method: .get, url: "https://127.0.0.1:\(port)/", connectTimeout: .seconds(2), totalTimeout: .seconds(5))))
            } catch {
                answer = .failure(error)
                if case .couldNotConnect = error {
                    try await Task.sleep(for: .milliseconds(100))
                    continue
                }
            }
            break
        }
        guard case let .failure(error) = answer else {
            Issue.record("a self-signed certificate was accepted: \(String(describing: answer))")
            return
        }
        #expect("\(error)".lowercased().contains("certificate"), "\(error)")
    }
}
