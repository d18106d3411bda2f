import DruidWatchCore
import Foundation
import Testing

/// The notification log stays bounded: a cap on the instances one group tracks, removed
/// rules forgotten, recovered instances dropped once sent.
@Suite struct DispatchBoundsTests {
    private typealias H = DispatchHarness

    @Test func instancesBeyondTheCapAreCountedNotTracked() throws {
        var harness = try H(policy: .testing(maximumInstancesPerGroup: 3))
        harness.set(["a", "b", "c", "d", "e"], .alarm, at: 0)
        #expect(
            harness.cycles(from: 0, through: 60).map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: ["a", "b", "c"], untracked: 2, changedAt: 0)
            ]
        )
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == ["a", "b", "c"].map { H.key($0) })
        // The untracked ones are not news at every tick.
        #expect(harness.cycles(from: 120, through: 1_200).isEmpty)
        harness.set(["a"], .ok, at: 1_210)
        #expect(
            harness.cycles(from: 1_260, through: 1_500).map(\.notification) == [
                harness.expected(
                    id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["b", "c", "d"], resolved: ["a"], untracked: 1, changedAt: 0
                )
            ]
        )
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == ["b", "c", "d"].map { H.key($0) })
    }

    @Test func theDefaultCapHoldsTenThousandInstances() {
        var harness = H()
        let dataSources = (0..<10_005).map { String(format: "ds%05d", $0) }
        harness.set(dataSources, .alarm, at: 0)
        let sent = harness.cycles(from: 0, through: 60)
        #expect(sent.count == 1)
        #expect(sent.first?.notification.firing.count == 10_000)
        #expect(sent.first?.notification.firing.last?.key == H.key("ds09999"))
        #expect(sent.first?.notification.untrackedFiringCount == 5)
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled).count == 10_000)
    }

    @Test func aRemovedRuleIsForgottenWithoutAMessage() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        harness.set(H.failures, [nil], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 2)
        #expect(harness.dispatcher.log.openRuleNames == [H.stalled, H.failures])
        harness.removeRule(H.stalled)
        #expect(harness.cycles(from: 120, through: 1_200).isEmpty)
        #expect(harness.dispatcher.log.openRuleNames == [H.failures])
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [])
        // Loaded again, it is a new group.
        harness.set(["wikipedia"], .alarm, at: 1_210)
        #expect(
            harness.cycles(from: 1_260, through: 1_320).map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 1_260, 1), state: .alarm, reason: .firing, firing: ["wikipedia"], changedAt: 1_210)
            ]
        )
    }

    @Test func recoveredInstancesLeaveTheLogOnceSent() {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["wikipedia"], .ok, at: 100)
        #expect(harness.cycles(from: 120, through: 360).count == 1)
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [H.key("koalas")])
        harness.set(["koalas"], .ok, at: 400)
        #expect(harness.cycles(from: 420, through: 660).map(\.notification.reason) == [.resolved])
        #expect(harness.dispatcher.log == NotificationLog())
    }
}
