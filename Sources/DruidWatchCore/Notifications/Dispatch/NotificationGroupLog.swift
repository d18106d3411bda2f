import Foundation

/// What the dispatcher remembers about one rule's notification group between cycles:
/// its timer, and which instances the receiver was last told are firing.
struct NotificationGroupLog: Sendable, Hashable, Codable {
    /// When the group was opened; with `sentCount` it makes notification ids unique.
    let startedAt: Date
    /// The group's next tick: the end of its group wait, then every group interval.
    var nextFlushAt: Date
    /// The tick of the last message, not the cycle that sent it, so that repeats fall on
    /// ticks exactly `effectiveRepeatInterval` apart however the cycles line up.
    var lastNotifiedTick: Date?
    var sentCount: Int
    /// The instances last notified as firing, with what was said about them, so that a
    /// recovery can still be told when an instance is no longer evaluated at all.
    var notified: [AlarmInstanceKey: AlarmInstanceStatus]

    init(startedAt: Date, nextFlushAt: Date) {
        self.startedAt = startedAt
        self.nextFlushAt = nextFlushAt
        lastNotifiedTick = nil
        sentCount = 0
        notified = [:]
    }

    private enum CodingKeys: String, CodingKey {
        case startedAt, nextFlushAt, lastNotifiedTick, sentCount, notified
    }

    // A list sorted by key rather than a dictionary: JSON has no object keys that are not
    // strings, and a stable order keeps the saved file diffable.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startedAt = try container.decode(Date.self, forKey: .startedAt)
        nextFlushAt = try container.decode(Date.self, forKey: .nextFlushAt)
        lastNotifiedTick = try container.decodeIfPresent(Date.self, forKey: .lastNotifiedTick)
        sentCount = try container.decode(Int.self, forKey: .sentCount)
        let statuses = try container.decode([AlarmInstanceStatus].self, forKey: .notified)
        notified = Dictionary(statuses.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(nextFlushAt, forKey: .nextFlushAt)
        try container.encodeIfPresent(lastNotifiedTick, forKey: .lastNotifiedTick)
        try container.encode(sentCount, forKey: .sentCount)
        try container.encode(notified.values.sorted { $0.key < $1.key }, forKey: .notified)
    }
}
