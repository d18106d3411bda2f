/// Performs HTTP requests. The production implementation is `CurlHTTPClient`; the
/// protocol exists so that callers can be handed one client for the whole process.
public protocol HTTPClient: Sendable {
    func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse
}
