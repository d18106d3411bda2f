import Foundation

/// The silences the evaluator knows, kept in the order they were added. Bounded, because
/// it is persisted and silences are added from outside: expired ones make room first.
public struct SilenceSet: Sendable, Hashable, Codable {
    public static let maximumCount = 1_000

    public private(set) var silences: [Silence]

    public init() { silences = [] }

    /// A saved set gets the same limits as one built with `add`, so a hand-edited file
    /// cannot grow it past its bound or give two silences one id.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let silences = try container.decode([Silence].self, forKey: .silences)
        guard silences.count <= Self.maximumCount else {
            throw DecodingError.dataCorruptedError(
                forKey: .silences, in: container, debugDescription: "\(silences.count) silences: at most \(Self.maximumCount)"
            )
        }
        var seen = Set<String>()
        for silence in silences where !seen.insert(silence.id).inserted {
            throw DecodingError.dataCorruptedError(forKey: .silences, in: container, debugDescription: "two silences with id \(silence.id)")
        }
        self.silences = silences
    }

    /// Adds the silence, or replaces the one with the same id (Alertmanager updates a
    /// silence this way). When the set is full the silences that ended longest before
    /// `now` go first; a set full of unexpired silences refuses the new one rather than
    /// lift a silence someone is relying on.
    public mutating func add(_ silence: Silence, at now: Date) throws(SilenceSetError) {
        if let index = silences.firstIndex(where: { $0.id == silence.id }) {
            silences[index] = silence
            return
        }
        if silences.count >= Self.maximumCount {
            let expiredOldestFirst = silences.filter { $0.isExpired(at: now) }.sorted { ($0.endsAt, $0.id) < ($1.endsAt, $1.id) }
            let excess = silences.count - Self.maximumCount + 1
            guard expiredOldestFirst.count >= excess else { throw .full(limit: Self.maximumCount) }
            let dropped = Set(expiredOldestFirst.prefix(excess).map(\.id))
            silences.removeAll { dropped.contains($0.id) }
        }
        silences.append(silence)
    }

    /// Ends the silence now; false when there is no silence with that id.
    @discardableResult
    public mutating func expire(id: String, at now: Date) -> Bool {
        guard let index = silences.firstIndex(where: { $0.id == id }) else { return false }
        silences[index].expire(at: now)
        return true
    }

    public func active(at now: Date) -> [Silence] { silences.filter { $0.isActive(at: now) } }

    /// Forgets the silences that ended before `date`; the rest, pending ones included, stay.
    public mutating func prune(expiredBefore date: Date) {
        silences.removeAll { $0.endsAt < date }
    }

    /// The active silences that mute an instance with these labels.
    public func silences(matching labels: [String: String], at now: Date) -> [Silence] {
        silences.filter { $0.isActive(at: now) && $0.matches(labels) }
    }

    public subscript(id: String) -> Silence? { silences.first { $0.id == id } }
}
