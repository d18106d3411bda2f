@testable import DruidWatchAWS
import Synchronization

/// Passes requests to a real client and counts them, to prove that a call made none.
final class InstanceMetadataCountingClient: HTTPClient {
    private let wrapped: any HTTPClient
    private let sent = Mutex<[HTTPRequest]>([])

    init(_ wrapped: any HTTPClient = CurlHTTPClient()) {
        self.wrapped = wrapped
    }

    var requests: [HTTPRequest] { sent.withLock { $0 } }
    var count: Int { sent.withLock { $0.count } }

    func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        sent.withLock { $0.append(request) }
        return try await wrapped.execute(request)
    }
}
