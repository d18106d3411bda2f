import DruidWatchCore
import Foundation
import Testing

/// A silence: matchers, a time window, who and why.
@Suite struct SilenceTests {
    private let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    private func silence(_ matchers: [String], from: Double = 0, to: Double = 3_600, id: String = "s1") throws -> Silence {
        try Silence(id: id, matching: matchers, startsAt: at(from), endsAt: at(to), createdBy: "oncall@example.com", comment: "reindexing")
    }

    @Test func itIsActiveFromItsStartUntilJustBeforeItsEnd() throws {
        let silence = try silence(["alarm=DruidQueryFailures"], from: 100, to: 200)
        #expect(!silence.isActive(at: at(99)))
        #expect(silence.isActive(at: at(100)))
        #expect(silence.isActive(at: at(199)))
        #expect(!silence.isActive(at: at(200)))
        #expect(silence.isExpired(at: at(200)))
        #expect(!silence.isExpired(at: at(199)))
    }

    @Test func everyMatcherMustMatch() throws {
        let silence = try silence(["alarm=DruidIngestionStalled", "dataSource=~wiki.*"])
        #expect(silence.matches(["alarm": "DruidIngestionStalled", "dataSource": "wikipedia"]))
        #expect(!silence.matches(["alarm": "DruidIngestionStalled", "dataSource": "koalas"]))
        #expect(!silence.matches(["alarm": "DruidQueryFailures", "dataSource": "wikipedia"]))
    }

    @Test func invalidSilencesAreRefused() throws {
        #expect(throws: SilenceError.noMatchers(id: "s1")) { try silence([]) }
        // Each of these matches an instance without the label, so together they would mute everything.
        #expect(throws: SilenceError.matchesEverything(id: "s1")) { try silence(["team=~.*", "tier!=hot"]) }
        #expect(throws: SilenceError.endsBeforeItStarts(id: "s1")) { try silence(["alarm=A"], from: 10, to: 10) }
        #expect(throws: SilenceError.emptyID) { try silence(["alarm=A"], id: "") }
        #expect(throws: SilenceError.invalidMatcher(id: "s1", .invalidRegex("("))) { try silence(["alarm=~("]) }
        #expect(throws: SilenceError.missingCreator(id: "s1")) {
            try Silence(id: "s1", matching: ["alarm=A"], startsAt: at(0), endsAt: at(1), createdBy: " ", comment: "why")
        }
        #expect(throws: SilenceError.missingComment(id: "s1")) {
            try Silence(id: "s1", matching: ["alarm=A"], startsAt: at(0), endsAt: at(1), createdBy: "me", comment: "")
        }
        #expect(
            SilenceError.invalidMatcher(id: "s1", .invalidRegex("(")).description == #"silence s1: regular expression "(" does not compile"#
        )
    }

    @Test func aSilenceSurvivesJSONWithItsMatchersAsText() throws {
        let silence = try silence(["alarm=DruidQueryFailures", "dataSource!~wiki.*"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(silence), as: UTF8.self)
        #expect(
            json == #"{"comment":"reindexing","createdBy":"oncall@example.com","endsAt":"2026-01-01T01:00:00Z","id":"s1","#
                + #""matchers":["alarm=DruidQueryFailures","dataSource!~wiki.*"],"startsAt":"2026-01-01T00:00:00Z"}"#
        )
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Silence.self, from: Data(json.utf8)) == silence)
        // A file edited by hand is checked as a silence made in code is.
        let everything = json.replacingOccurrences(of: "alarm=DruidQueryFailures", with: "alarm=~.*")
            .replacingOccurrences(of: "dataSource!~wiki.*", with: "x=")
        #expect(throws: SilenceError.matchesEverything(id: "s1")) { try decoder.decode(Silence.self, from: Data(everything.utf8)) }
    }
}
