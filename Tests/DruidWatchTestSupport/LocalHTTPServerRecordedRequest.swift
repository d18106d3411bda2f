import Foundation

extension LocalHTTPServer {
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// One request as it arrived, kept for assertions.
    public struct RecordedRequest: Sendable, Equatable {
        /// "GET", "PUT", …, as sent.
        public var method: String
        /// Path and query exactly as in the request line, e.g. "/latest/api/token?x=1".
        public var uri: String
        /// Headers in the order they were sent, names as the client spelled them.
        public var headers: [Header]
        /// The body; at most the server's `maximumBodyBytes` (see `bodyExceededLimit`).
        public var body: Data
        /// The body was larger than the server accepts: the request was answered 413
        /// without reaching the handler, and `body` holds only its first bytes.
        public var bodyExceededLimit: Bool
        /// Which TCP connection carried it (1 for the first accepted), so tests can
        /// check that a client kept a connection alive.
        public var connectionNumber: Int

        public init(method: String, uri: String, headers: [Header], body: Data, bodyExceededLimit: Bool = false, connectionNumber: Int = 1) {
            self.method = method
            self.uri = uri
            self.headers = headers
            self.body = body
            self.bodyExceededLimit = bodyExceededLimit
            self.connectionNumber = connectionNumber
        }

        /// The path without the query.
        public var path: String {
            String(uri.prefix { $0 != "?" })
        }

        /// The query without the "?", nil when there is none.
        public var query: String? {
            guard let mark = uri.firstIndex(of: "?") else { return nil }
            return String(uri[uri.index(after: mark)...])
        }

        /// The first header of that name, compared case-insensitively as HTTP requires.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }

        /// Every value of headers of that name, in order.
        public func headerValues(_ name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }

        public var bodyText: String {
            String(decoding: body, as: UTF8.self)
        }
    }
}
