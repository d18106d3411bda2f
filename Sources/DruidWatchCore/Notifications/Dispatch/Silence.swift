import Foundation

/// Mutes the alarm instances whose labels match every matcher, from `startsAt` until
/// `endsAt`, as an Alertmanager silence does. Who made it and why are required: a
/// silence nobody can explain is the usual cause of a missed page.
public struct Silence: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let matchers: [LabelMatcher]
    public private(set) var startsAt: Date
    public private(set) var endsAt: Date
    public let createdBy: String
    public let comment: String

    public init(
        id: String, matchers: [LabelMatcher], startsAt: Date, endsAt: Date, createdBy: String, comment: String
    ) throws(SilenceError) {
        guard !id.isEmpty else { throw .emptyID }
        guard !matchers.isEmpty else { throw .noMatchers(id: id) }
        // Alertmanager's rule: matchers that all match the empty label set would mute every
        // alarm, including ones that do not exist yet.
        guard matchers.contains(where: { !$0.matches([:]) }) else { throw .matchesEverything(id: id) }
        guard endsAt > startsAt else { throw .endsBeforeItStarts(id: id) }
        guard !createdBy.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingCreator(id: id) }
        guard !comment.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingComment(id: id) }
        self.id = id
        self.matchers = matchers
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdBy = createdBy
        self.comment = comment
    }

    /// Matchers given as text, `["alarm=DruidQueryFailures", "dataSource=~wiki.*"]`.
    public init(
        id: String, matching texts: [String], startsAt: Date, endsAt: Date, createdBy: String, comment: String
    ) throws(SilenceError) {
        var matchers: [LabelMatcher] = []
        for text in texts {
            do {
                matchers.append(try LabelMatcher(parsing: text))
            } catch {
                throw .invalidMatcher(id: id, error)
            }
        }
        try self.init(id: id, matchers: matchers, startsAt: startsAt, endsAt: endsAt, createdBy: createdBy, comment: comment)
    }

    /// A silences file edited by hand gets the same checks as one made in code.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: try container.decode(String.self, forKey: .id),
            matchers: try container.decode([LabelMatcher].self, forKey: .matchers),
            startsAt: try container.decode(Date.self, forKey: .startsAt),
            endsAt: try container.decode(Date.self, forKey: .endsAt),
            createdBy: try container.decode(String.self, forKey: .createdBy),
            comment: try container.decode(String.self, forKey: .comment)
        )
    }

    public func isActive(at now: Date) -> Bool { startsAt <= now && now < endsAt }

    public func isExpired(at now: Date) -> Bool { endsAt <= now }

    public func matches(_ labels: [String: String]) -> Bool { matchers.allSatisfy { $0.matches(labels) } }

    /// Ends the silence at `now`; one that had not started yet ends before it begins
    /// (both times become `now`), as Alertmanager expires a pending silence.
    mutating func expire(at now: Date) {
        guard endsAt > now else { return }
        endsAt = now
        if startsAt > now { startsAt = now }
    }
}
