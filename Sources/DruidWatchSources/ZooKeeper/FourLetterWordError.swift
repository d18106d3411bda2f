/// Why a four-letter word got no complete answer.
public enum FourLetterWordError: Error, Sendable, Equatable, CustomStringConvertible {
    case unresolvable(host: String, message: String)
    case couldNotConnect(endpoint: String, message: String)
    case timedOut(endpoint: String, while: String)
    case responseTooLarge(endpoint: String, limit: Int)
    case io(endpoint: String, message: String)
    case cancelled

    public var description: String {
        switch self {
        case let .unresolvable(host, message): "cannot resolve \(host): \(message)"
        case let .couldNotConnect(endpoint, message): "could not connect to \(endpoint): \(message)"
        case let .timedOut(endpoint, activity): "timed out \(activity) \(endpoint)"
        case let .responseTooLarge(endpoint, limit): "the answer from \(endpoint) exceeded \(limit) bytes and was abandoned"
        case let .io(endpoint, message): "connection to \(endpoint) failed: \(message)"
        case .cancelled: "cancelled"
        }
    }
}
