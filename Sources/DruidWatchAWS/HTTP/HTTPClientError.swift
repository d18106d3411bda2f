/// Why a request produced no HTTP response. An HTTP error status is not an error
/// here: it is a response, and the caller decides what it means.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// curl failed; `code` is the `CURLcode` and `message` curl's own text for it,
    /// with the detail from its error buffer when it gave one.
    case transport(code: Int, message: String, url: String)
    case timedOut(url: String, message: String)
    case couldNotConnect(url: String, message: String)
    case responseTooLarge(url: String, limit: Int)
    case invalidRequest(String)
    /// Too many requests are already waiting for a worker.
    case queueFull(limit: Int)
    case cancelled
    case shutDown

    public var description: String {
        switch self {
        case let .transport(code, message, url): "HTTP request to \(url) failed (curl error \(code)): \(message)"
        case let .timedOut(url, message): "HTTP request to \(url) timed out: \(message)"
        case let .couldNotConnect(url, message): "could not connect to \(url): \(message)"
        case let .responseTooLarge(url, limit): "response from \(url) exceeded \(limit) bytes and was abandoned"
        case let .invalidRequest(reason): "invalid HTTP request: \(reason)"
        case let .queueFull(limit): "HTTP client queue is full (\(limit) requests waiting)"
        case .cancelled: "HTTP request cancelled"
        case .shutDown: "HTTP client is shut down"
        }
    }

    /// Network-level failures worth retrying later; the others are not.
    public var isRetryable: Bool {
        switch self {
        case .transport, .timedOut, .couldNotConnect, .queueFull: true
        case .responseTooLarge, .invalidRequest, .cancelled, .shutDown: false
        }
    }
}
