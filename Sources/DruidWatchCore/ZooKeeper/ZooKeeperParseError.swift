/// Why a `mntr` or `monitor` response gave no statistics at all. One bad entry is not
/// an error: the parsers skip it and count it (`ZooKeeperStats.skippedEntries`).
public enum ZooKeeperParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case invalidUTF8
    /// The server answered that it is not part of a working quorum (its own words).
    case notServing(String)
    /// The AdminServer answered `monitor` with a server state but without the figures
    /// (3.6+ registers them only once the server runs, and the AdminServer answers
    /// before that): a server still starting, not yet serving.
    case startingUp
    /// `mntr` is not in `4lw.commands.whitelist`, or the AdminServer refused the
    /// command; the server's own words.
    case commandRefused(String)
    /// The AdminServer's JSON carried an `error` other than "not serving".
    case serverError(String)
    /// The input stopped in the middle of a value.
    case truncated(String)
    case invalidJSON(offset: Int, reason: String)
    case notAnObject
    case nestingTooDeep(limit: Int)
    /// Parsed, but no server state in it: not a ZooKeeper answer (another service on
    /// the AdminServer's port, say) or one cut before it.
    case noServerState
    /// Neither statistics nor a message this code knows; the first line, shortened.
    case unrecognized(String)

    public var description: String {
        switch self {
        case .empty: "the response is empty"
        case .invalidUTF8: "the response is not valid UTF-8"
        case let .notServing(message): "ZooKeeper is not serving: \(message)"
        case .startingUp: "ZooKeeper is starting: the AdminServer answers without figures yet"
        case let .commandRefused(message): "the command was refused: \(message)"
        case let .serverError(message): "the AdminServer reported an error: \(message)"
        case let .truncated(reason): "the response is truncated: \(reason)"
        case let .invalidJSON(offset, reason): "invalid JSON at byte \(offset): \(reason)"
        case .notAnObject: "the response is JSON but not an object"
        case let .nestingTooDeep(limit): "the JSON nests deeper than \(limit) levels"
        case .noServerState: "the response has no server state, so it is not ZooKeeper's statistics"
        case let .unrecognized(firstLine): "the response is not statistics: \(firstLine)"
        }
    }

    /// Why the server is not serving, when it said so itself (or showed it by
    /// starting), as opposed to an answer that could not be understood.
    public var notServingReason: String? {
        switch self {
        case let .notServing(message): message
        case .startingUp: description
        default: nil
        }
    }

    /// ZooKeeper's message for a server outside a working quorum, in both `mntr`
    /// (`ZK_NOT_SERVING`) and the AdminServer's `error` field.
    public static let notServingMessage = "This ZooKeeper instance is not currently serving requests"

    /// A message fit for a log line: at most `limit` characters, control characters
    /// replaced, so that a hostile peer cannot forge log lines.
    static func excerpt(_ text: some StringProtocol, limit: Int = 200) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(limit) {
            result.append(scalar.properties.generalCategory == .control ? "?" : scalar)
        }
        if text.unicodeScalars.count > limit { result.append("…") }
        return String(result)
    }
}
