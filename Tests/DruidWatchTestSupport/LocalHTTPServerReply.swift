import Foundation

extension LocalHTTPServer {
    /// What the handler wants done with a request.
    public struct Reply: Sendable {
        enum Action: Sendable {
            case respond
            case dropConnection
        }

        public var status: Int
        /// Sent as given; `content-length` is added unless present, and `connection:
        /// close` when `closesConnection` is set or the client asked for it.
        public var headers: [Header]
        public var body: Data
        /// Close the connection after this response even if the client would keep it.
        public var closesConnection: Bool
        let action: Action

        public init(status: Int = 200, headers: [Header] = [], body: Data = Data(), closesConnection: Bool = false) {
            self.status = status
            self.headers = headers
            self.body = body
            self.closesConnection = closesConnection
            self.action = .respond
        }

        public init(status: Int = 200, headers: [Header] = [], text: String, closesConnection: Bool = false) {
            self.init(status: status, headers: headers, body: Data(text.utf8), closesConnection: closesConnection)
        }

        private init(action: Action) {
            self.status = 0
            self.headers = []
            self.body = Data()
            self.closesConnection = true
            self.action = action
        }

        /// Closes the connection without answering, as a peer that crashed mid-request.
        public static let dropConnection = Reply(action: .dropConnection)

        public static func status(_ status: Int, _ text: String = "") -> Reply {
            Reply(status: status, text: text)
        }
    }
}
