import DruidWatchCore
import Foundation
import Testing

/// Recoveries: one OK message when everything notified as firing has recovered, and
/// never for instances that were not notified as firing.
@Suite struct RecoveryNotificationTests {
    private typealias H = DispatchHarness

    @Test func oneRecoveryListsEveryResolvedInstanceAndEndsTheGroup() {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["wikipedia"], .ok, at: 100)
        harness.set(["koalas"], .ok, at: 200)
        let sent = harness.cycles(from: 120, through: 1_200)
        #expect(sent.map(\.at) == [360])
        #expect(
            sent.map(\.notification) == [
                harness.expected(
                    id: H.groupID(startedAt: 0, 2), state: .ok, reason: .resolved, firing: [], resolved: ["koalas", "wikipedia"], changedAt: 200
                )
            ]
        )
        #expect(harness.dispatcher.log.openRuleNames == [])
    }

    @Test func theNextIncidentIsANewGroupWithItsOwnWaitAndIDs() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        var sent = harness.cycles(from: 0, through: 60)
        harness.set(["wikipedia"], .ok, at: 100)
        sent += harness.cycles(from: 120, through: 360)
        harness.set(["wikipedia"], .alarm, at: 1_000)
        sent += harness.cycles(from: 1_020, through: 1_200)
        #expect(sent.map(\.at) == [60, 360, 1_080])
        #expect(sent.map(\.notification.id) == [H.groupID(startedAt: 0, 1), H.groupID(startedAt: 0, 2), H.groupID(startedAt: 1_020, 1)])
        #expect(sent.map(\.notification.reason) == [.firing, .resolved, .firing])
    }

    @Test func withoutSendResolvedRecoveriesAreNotSentButTheGroupEnds() throws {
        var harness = try H(policy: .testing(sendResolved: false))
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        harness.set(["wikipedia"], .ok, at: 100)
        #expect(harness.cycles(from: 120, through: 600).isEmpty)
        harness.set(["twitter"], .alarm, at: 700)
        let changed = harness.cycles(from: 720, through: 960)
        #expect(
            changed.map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas", "twitter"], changedAt: 0)
            ]
        )
        harness.set(["koalas", "twitter"], .ok, at: 1_000)
        #expect(harness.cycles(from: 1_020, through: 3_000).isEmpty)
        #expect(harness.dispatcher.log.openRuleNames == [])
    }

    @Test func anInstanceThatLosesItsDataKeepsTheIncidentOpen() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        // ALARM → INSUFFICIENT_DATA is not a recovery, and back to ALARM is nothing new.
        harness.set(["wikipedia"], .insufficientData, at: 100)
        #expect(harness.cycles(from: 120, through: 900).isEmpty)
        harness.set(["wikipedia"], .alarm, at: 950)
        #expect(harness.cycles(from: 960, through: 1_800).isEmpty)
        harness.set(["wikipedia"], .insufficientData, at: 1_850)
        #expect(harness.cycle(at: 1_860) == [])
        harness.set(["wikipedia"], .ok, at: 1_900)
        let sent = harness.cycles(from: 1_920, through: 2_400)
        #expect(sent.map(\.at) == [2_160])
        #expect(
            sent.map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .ok, reason: .resolved, firing: [], resolved: ["wikipedia"], changedAt: 1_900)
            ]
        )
    }

    @Test func anInstanceNoLongerEvaluatedIsSentAsRecovered() {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        let lastNotified = harness.status("koalas")
        harness.remove(["koalas"])
        let sent = harness.cycles(from: 120, through: 600)
        #expect(
            sent.map(\.notification) == [
                GroupNotification(
                    id: H.groupID(startedAt: 0, 2), ruleName: H.stalled, severity: "page", state: .alarm, reason: .changed,
                    firing: [harness.status("wikipedia")],
                    resolved: [
                        AlarmInstanceStatus(
                            key: lastNotified.key, severity: "page", labels: lastNotified.labels, state: .ok, since: H.at(360),
                            reason: "The alarm instance is no longer evaluated.", value: nil, threshold: 1, enteredFrom: .alarm
                        )
                    ],
                    stateChangedAt: H.at(0)
                )
            ]
        )
    }
}
