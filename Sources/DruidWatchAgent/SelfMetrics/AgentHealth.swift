import Foundation

/// The `/healthz` answer, as JSON; `druidwatch status` reads it back.
public struct AgentHealth: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case ok
        /// CloudWatch has not taken anything for a while: data is kept in the spool.
        case degraded
        /// The agent has stopped collecting: its loop is stuck.
        case stalled
    }

    public var status: Status
    public var uptimeSeconds: Double
    public var lastCollection: Date?
    public var lastDelivery: Date?
    /// The last failure, while deliveries are failing.
    public var lastDeliveryError: String?
    public var spoolFiles: Int
    public var spoolBytes: Int

    /// 503 only when the agent itself is stuck: a CloudWatch outage is not the agent's
    /// fault, and a restart would not help it.
    public var httpStatus: Int { status == .stalled ? 503 : 200 }

    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        // Every field is a plain value: encoding cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    public static func decode(_ json: Data) throws -> AgentHealth {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(AgentHealth.self, from: json)
    }
}
