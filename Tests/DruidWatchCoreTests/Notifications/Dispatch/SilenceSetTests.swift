import DruidWatchCore
import Foundation
import Testing

/// The silence set: add or replace, expire, what is active, pruning, and its bound.
@Suite struct SilenceSetTests {
    private let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private func silence(_ id: String, from: Double = 0, to: Double = 3_600, matcher: String = "alarm=DruidQueryFailures") throws -> Silence {
        try Silence(id: id, matching: [matcher], startsAt: at(from), endsAt: at(to), createdBy: "me", comment: "why")
    }

    @Test func addingTheSameIDReplacesTheSilence() throws {
        var set = SilenceSet()
        try set.add(silence("a"), at: at(0))
        try set.add(silence("b"), at: at(0))
        try set.add(silence("a", to: 60), at: at(0))
        #expect(set.silences.map(\.id) == ["a", "b"])
        #expect(set["a"]?.endsAt == at(60))
        #expect(set["missing"] == nil)
    }

    @Test func activeAndMatchingSilencesAtATime() throws {
        var set = SilenceSet()
        try set.add(silence("now"), at: at(0))
        try set.add(silence("later", from: 1_000, to: 2_000), at: at(0))
        try set.add(silence("other", matcher: "alarm=DruidIngestionStalled"), at: at(0))
        #expect(set.active(at: at(10)).map(\.id) == ["now", "other"])
        #expect(set.active(at: at(1_500)).map(\.id) == ["now", "later", "other"])
        #expect(set.silences(matching: ["alarm": "DruidQueryFailures"], at: at(10)).map(\.id) == ["now"])
        #expect(set.silences(matching: ["alarm": "DruidQueryFailures"], at: at(3_600)).map(\.id) == [])
    }

    @Test func expiringEndsASilenceNowAndAPendingOneBeforeItStarts() throws {
        var set = SilenceSet()
        try set.add(silence("running"), at: at(0))
        try set.add(silence("pending", from: 1_000, to: 2_000), at: at(0))
        let expired = [set.expire(id: "running", at: at(100)), set.expire(id: "pending", at: at(100)), set.expire(id: "unknown", at: at(100))]
        #expect(expired == [true, true, false])
        #expect(set["running"]?.startsAt == at(0))
        #expect(set["running"]?.endsAt == at(100))
        #expect(set["pending"]?.startsAt == at(100))
        #expect(set["pending"]?.endsAt == at(100))
        #expect(set.active(at: at(100)).isEmpty)
        #expect(set.active(at: at(1_500)).isEmpty)
        // Expiring again does not move the end.
        set.expire(id: "running", at: at(500))
        #expect(set["running"]?.endsAt == at(100))
    }

    @Test func pruneForgetsSilencesThatEndedBeforeTheDate() throws {
        var set = SilenceSet()
        try set.add(silence("ended-early", to: 100), at: at(0))
        try set.add(silence("ended-at-cut", to: 200), at: at(0))
        try set.add(silence("running"), at: at(0))
        try set.add(silence("pending", from: 5_000, to: 6_000), at: at(0))
        set.prune(expiredBefore: at(200))
        #expect(set.silences.map(\.id) == ["ended-at-cut", "running", "pending"])
    }

    @Test func aFullSetDropsTheOldestExpiredFirstAndRefusesWhenNoneHasExpired() throws {
        var set = SilenceSet()
        // Ids say when each silence ends; added in an order unrelated to it.
        for index in 0..<SilenceSet.maximumCount {
            let end = Double((index * 7_919) % SilenceSet.maximumCount + 1)
            try set.add(silence("ends-\(Int(end))", to: end), at: at(0))
        }
        #expect(set.silences.count == 1_000)
        try set.add(silence("new-1", from: 0, to: 10_000), at: at(3.5))
        try set.add(silence("new-2", from: 0, to: 10_000), at: at(3.5))
        #expect(set.silences.count == 1_000)
        #expect(set["ends-1"] == nil)
        #expect(set["ends-2"] == nil)
        #expect(set["ends-3"] != nil)
        try set.add(silence("new-3", from: 0, to: 10_000), at: at(3.5))
        #expect(set["ends-3"] == nil)
        // At 3.5 s nothing else has expired: a running silence is never dropped to make room.
        #expect(throws: SilenceSetError.full(limit: 1_000)) { try set.add(silence("new-4", from: 0, to: 10_000), at: at(3.5)) }
        #expect(set.silences.count == 1_000)
        #expect(set["new-4"] == nil)
        // Replacing one that is there needs no room.
        try set.add(silence("new-3", from: 0, to: 20_000), at: at(3.5))
        #expect(set["new-3"]?.endsAt == at(20_000))
    }

    @Test func theSetSurvivesJSON() throws {
        var set = SilenceSet()
        try set.add(silence("a"), at: at(0))
        try set.add(silence("b", matcher: "dataSource=~wiki.*"), at: at(0))
        let decoded = try JSONDecoder().decode(SilenceSet.self, from: JSONEncoder().encode(set))
        #expect(decoded == set)
        #expect(decoded.silences(matching: ["dataSource": "wikipedia"], at: at(1)).map(\.id) == ["b"])
    }

    @Test func aSavedSetOverItsBoundOrWithARepeatedIDIsRefused() throws {
        let one = try JSONEncoder().encode(silence("a"))
        func setJSON(_ count: Int) -> Data {
            Data(#"{"silences":["#.utf8) + Array(repeating: one, count: count).joined(separator: Data(",".utf8)) + Data("]}".utf8)
        }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SilenceSet.self, from: setJSON(2)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SilenceSet.self, from: setJSON(SilenceSet.maximumCount + 1)) }
        #expect(try JSONDecoder().decode(SilenceSet.self, from: setJSON(1)).silences.map(\.id) == ["a"])
    }
}
