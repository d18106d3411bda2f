import CCurl
import Foundation
import Synchronization

/// HTTP over libcurl. Transfers run on a small set of dedicated threads, one reusable
/// curl easy handle each (so connections and TLS sessions are kept between requests),
/// never on Swift's cooperative thread pool, which blocking calls would starve.
public final class CurlHTTPClient: HTTPClient, Sendable {
    public struct Configuration: Sendable {
        /// Threads performing transfers; each runs one request at a time.
        public var workerCount: Int
        /// Requests allowed to wait for a worker; beyond this, `execute` fails with
        /// `.queueFull` rather than letting a backlog grow without bound.
        public var maximumQueuedRequests: Int
        public var userAgent: String

        public init(workerCount: Int = 2, maximumQueuedRequests: Int = 256, userAgent: String = "druidwatch") {
            self.workerCount = max(1, workerCount)
            self.maximumQueuedRequests = max(1, maximumQueuedRequests)
            self.userAgent = userAgent
        }
    }

    private let configuration: Configuration
    private let queue: TransferQueue

    public init(configuration: Configuration = Configuration()) {
        CurlGlobal.ensureInitialized()
        self.configuration = configuration
        self.queue = TransferQueue(capacity: configuration.maximumQueuedRequests)
        for index in 0..<configuration.workerCount {
            let worker = CurlWorker(queue: queue, userAgent: configuration.userAgent)
            let thread = Thread { worker.run() }
            thread.name = "druidwatch-curl-\(index)"
            thread.start()
        }
    }

    deinit {
        queue.shutDown(workerCount: configuration.workerCount)
    }

    /// Stops accepting requests; queued ones fail with `.shutDown`, running ones finish.
    public func shutDown() {
        queue.shutDown(workerCount: configuration.workerCount)
    }

    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        if Task.isCancelled { throw .cancelled }
        let transfer = PendingTransfer(request: request)
        let result: Result<HTTPResponse, HTTPClientError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.attach(continuation)
                if let refusal = queue.enqueue(transfer) {
                    transfer.complete(.failure(refusal))
                }
            }
        } onCancel: {
            transfer.cancel()
            if queue.remove(transfer) {
                transfer.complete(.failure(.cancelled))
            }
        }
        return try result.get()
    }
}

/// `curl_global_init` must run once per process before any other curl call and is not
/// thread-safe itself; a Swift global's lazy initialisation gives exactly that.
enum CurlGlobal {
    private static let initResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))

    static func ensureInitialized() {
        precondition(initResult == CURLE_OK, "curl_global_init failed: \(initResult)")
    }
}
