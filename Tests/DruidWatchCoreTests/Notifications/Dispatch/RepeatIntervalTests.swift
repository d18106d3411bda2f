import DruidWatchCore
import Foundation
import Testing

/// The repeat interval: a group still firing and unchanged is sent again, on the first
/// tick at least the repeat interval after its last message.
@Suite struct RepeatIntervalTests {
    private typealias H = DispatchHarness

    @Test func anUnchangedFiringGroupRepeatsEveryFourHours() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        let sent = harness.cycles(from: 0, through: 2 * 14_400 + 120)
        // Ticks at 30 s + n × 300 s; the cycles that follow them, every minute, send.
        #expect(sent.map(\.at) == [60, 14_460, 28_860])
        #expect(sent.map(\.notification.reason) == [.firing, .repeat, .repeat])
        #expect(sent.map(\.notification.id) == [1, 2, 3].map { H.groupID(startedAt: 0, $0) })
        #expect(
            sent.last?.notification
                == harness.expected(id: H.groupID(startedAt: 0, 3), state: .alarm, reason: .repeat, firing: ["wikipedia"], changedAt: 0)
        )
    }

    @Test func theRepeatWaitsForTheFirstTickAfterTheInterval() throws {
        // 4 h is 34.3 group intervals of 7 min: the repeat comes on the 35th tick, after 245 min.
        var harness = try H(policy: .testing(groupInterval: 420))
        harness.set(["wikipedia"], .alarm, at: 0)
        let sent = harness.cycles(from: 0, through: 14_400 + 600)
        #expect(sent.map(\.at) == [60, 14_760])
        #expect(sent.map(\.notification.reason) == [.firing, .repeat])
    }

    @Test func aChangeRestartsTheRepeatInterval() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        var sent = harness.cycles(from: 0, through: 7_140)
        harness.set(["koalas"], .alarm, at: 7_200)
        sent += harness.cycles(from: 7_200, through: 7_230 + 14_400 + 60)
        // The change goes on the 7230 s tick; the repeat 4 h after that tick, not after 60 s.
        #expect(sent.map(\.at) == [60, 7_260, 21_660])
        #expect(sent.map(\.notification.reason) == [.firing, .changed, .repeat])
    }

    @Test func aRepeatListsWhatFiresNowWithItsCurrentReason() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        // Same state; the engine's reason text moved on.
        harness.statuses[H.key("wikipedia")] = AlarmInstanceStatus(
            key: H.key("wikipedia"), severity: "page", labels: H.labels(of: H.stalled), state: .alarm, since: H.at(0),
            reason: "still stalled", value: 0, threshold: 1
        )
        let sent = harness.cycles(from: 120, through: 14_460)
        #expect(sent.map(\.at) == [14_460])
        #expect(sent.first?.notification.firing.map(\.reason) == ["still stalled"])
    }
}
