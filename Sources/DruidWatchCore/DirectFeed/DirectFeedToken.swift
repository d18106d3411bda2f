import Foundation

/// The shared secret of the direct feed: the agent sends it as `Authorization: Bearer
/// <token>`, the evaluator compares it in time that does not depend on where the first
/// difference is.
public struct DirectFeedToken: Sendable, Hashable {
    public let value: String

    /// nil for an empty token (after trimming), which would let anyone in.
    public init?(_ value: String) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.value = trimmed
    }

    /// Reads a token file (its first line, trimmed).
    public static func load(file path: String) throws -> DirectFeedToken {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let token = DirectFeedToken(text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "") else {
            throw DirectFeedTokenError.empty(path)
        }
        return token
    }

    public var authorizationHeader: String { "Bearer \(value)" }

    public func accepts(authorizationHeader header: String?) -> Bool {
        guard let header else { return false }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return ConstantTimeComparison.equals(Array(parts[1].trimmingCharacters(in: .whitespaces).utf8), Array(value.utf8))
    }
}

public enum DirectFeedTokenError: Error, Sendable, CustomStringConvertible {
    case empty(String)

    public var description: String {
        switch self {
        case let .empty(path): "the direct feed token file \(path) is empty"
        }
    }
}
