import DruidWatchCore
import Foundation
import Testing

/// The notification log across a restart: decoded and continued, it sends nothing that
/// was sent, keeps the groups' timers, and replays a lost cycle with the same ids.
@Suite struct DispatchRestartTests {
    private typealias H = DispatchHarness

    private static func restarted(_ harness: H) throws -> H {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let saved = try encoder.encode(harness.dispatcher.log)
        var restarted = harness
        restarted.dispatcher = NotificationDispatcher(
            policy: harness.dispatcher.policy, log: try JSONDecoder().decode(NotificationLog.self, from: saved)
        )
        return restarted
    }

    @Test func aRestartMidIncidentSendsNothingAgainAndRepeatsOnSchedule() throws {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).map(\.notification.reason) == [.firing])
        var restarted = try Self.restarted(harness)
        #expect(restarted.dispatcher.log == harness.dispatcher.log)
        #expect(restarted.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [H.key("koalas"), H.key("wikipedia")])
        let sent = restarted.cycles(from: 120, through: 14_460)
        #expect(sent.map(\.at) == [14_460])
        #expect(
            sent.map(\.notification) == [
                restarted.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .repeat, firing: ["koalas", "wikipedia"], changedAt: 0)
            ]
        )
    }

    @Test func aRestartDuringTheGroupWaitKeepsTheWait() throws {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycle(at: 0) == [])
        var restarted = try Self.restarted(harness)
        harness.set(["koalas"], .alarm, at: 10)
        restarted.set(["koalas"], .alarm, at: 10)
        #expect(restarted.cycle(at: 20) == [])
        #expect(
            restarted.cycle(at: 30) == [
                restarted.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: ["koalas", "wikipedia"], changedAt: 0)
            ]
        )
    }

    @Test func changesWhileDownAreSentAndRecoveriesFollow() throws {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        var restarted = try Self.restarted(harness)
        restarted.set(["wikipedia"], .ok, at: 500)
        restarted.set(["koalas"], .alarm, at: 500)
        let sent = restarted.cycles(from: 1_000, through: 1_000)
        #expect(
            sent.map(\.notification) == [
                restarted.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas"], resolved: ["wikipedia"], changedAt: 500)
            ]
        )
    }

    @Test func aCycleReplayedFromTheLastSavedLogProducesTheSameIDs() throws {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycle(at: 0) == [])
        // Saved here; the next cycle sends, and the process dies before saving again.
        let beforeCrash = try Self.restarted(harness)
        let sent = harness.cycle(at: 60)
        var replay = beforeCrash
        #expect(replay.cycle(at: 75) == sent)
        #expect(sent.map(\.id) == [H.groupID(startedAt: 0, 1)])
    }
}
