import DruidWatchCore
import Foundation
import Testing

/// The group interval: after its first message, a group's changes are batched and sent
/// on its ticks, one group interval apart.
@Suite struct GroupIntervalTests {
    private typealias H = DispatchHarness

    @Test func aSecondWaveIsBatchedUntilTheNextTick() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        // Cycles every minute: the wait ends at 30 s, so the first message goes at 60 s, and
        // the group's ticks are 30 s, 330 s, 630 s, …
        #expect(harness.cycles(from: 0, through: 60).map(\.at) == [60])
        harness.set(["koalas"], .alarm, at: 120)
        #expect(harness.cycles(from: 120, through: 180).isEmpty)
        harness.set(["twitter"], .alarm, at: 240)
        #expect(harness.cycles(from: 240, through: 300).isEmpty)
        let sent = harness.cycles(from: 360, through: 900)
        #expect(sent.map(\.at) == [360])
        #expect(
            sent.map(\.notification) == [
                harness.expected(
                    id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas", "twitter", "wikipedia"], changedAt: 0
                )
            ]
        )
    }

    @Test func aPartialRecoveryIsSentWithWhatStillFires() {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["wikipedia"], .ok, at: 100)
        let sent = harness.cycles(from: 120, through: 1_200)
        #expect(sent.map(\.at) == [360])
        #expect(
            sent.map(\.notification) == [
                harness.expected(
                    id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas"], resolved: ["wikipedia"], changedAt: 0
                )
            ]
        )
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [H.key("koalas")])
    }

    @Test func anInstanceThatFlapsBetweenTicksIsNotAChange() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["wikipedia"], .ok, at: 100)
        #expect(harness.cycle(at: 120) == [])
        harness.set(["wikipedia"], .alarm, at: 200)
        #expect(harness.cycles(from: 240, through: 3_600).isEmpty)
    }

    @Test func missedTicksAreSkippedNotCaughtUp() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["koalas"], .alarm, at: 100)
        // No cycle ran for ten minutes; one message, then the ticks resume at 1230 s.
        #expect(harness.cycle(at: 1_000).map(\.reason) == [.changed])
        harness.set(["twitter"], .alarm, at: 1_010)
        #expect(harness.cycles(from: 1_020, through: 1_200).isEmpty)
        #expect(harness.cycles(from: 1_230, through: 1_230).map(\.notification.reason) == [.changed])
    }
}
