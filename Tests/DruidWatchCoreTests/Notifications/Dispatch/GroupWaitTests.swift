import DruidWatchCore
import Foundation
import Testing

/// The group wait: a rule's new group collects its firing instances into one message,
/// and what fires and recovers within it is never sent.
@Suite struct GroupWaitTests {
    private typealias H = DispatchHarness

    @Test func fortyDataSourcesFiringTogetherAreOneMessage() {
        var harness = H()
        let first = (1...10).map { "ds\($0 < 10 ? "0" : "")\($0)" }
        let rest = (11...40).map { "ds\($0)" }
        harness.set(first, .alarm, at: 0)
        #expect(harness.cycle(at: 0) == [])
        harness.set(rest, .alarm, at: 20)
        #expect(harness.cycle(at: 20) == [])
        let sent = harness.cycle(at: 30)
        #expect(
            sent == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: first + rest, changedAt: 0)
            ]
        )
        #expect(sent.first?.firing.count == 40)
        #expect(sent.first?.firing.first?.key.description == "DruidIngestionStalled{dataSource=ds01}")
        #expect(harness.cycles(from: 60, through: 3_600) .isEmpty)
    }

    @Test func eachRuleIsItsOwnGroupAndMessagesComeInRuleOrder() {
        var harness = H()
        harness.set(H.stalled, ["wikipedia"], .alarm, at: 0)
        harness.set(H.failures, [nil], .alarm, at: 0)
        #expect(harness.cycle(at: 0) == [])
        #expect(
            harness.cycle(at: 60) == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: ["wikipedia"], changedAt: 0),
                harness.expected(H.failures, id: H.groupID(H.failures, startedAt: 0, 1), state: .alarm, reason: .firing, firing: [nil], changedAt: 0),
            ]
        )
    }

    @Test func anInstanceResolvedWithinTheGroupWaitIsNeverSent() {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycle(at: 0) == [])
        harness.set(["wikipedia"], .ok, at: 20)
        #expect(harness.cycle(at: 20) == [])
        #expect(harness.cycles(from: 30, through: 20_000).isEmpty)
        #expect(harness.dispatcher.log.openRuleNames == [])
    }

    @Test func insufficientDataAndItsRecoveryAreNeverSent() {
        var harness = H()
        // A new alarm starts without data, then finds its metric: CloudWatch's "OK at creation".
        harness.set(["wikipedia", "koalas"], .insufficientData, at: 0)
        #expect(harness.cycles(from: 0, through: 600).isEmpty)
        harness.set(["wikipedia", "koalas"], .ok, at: 610)
        #expect(harness.cycles(from: 660, through: 20_000).isEmpty)
        #expect(harness.dispatcher.log.openRuleNames == [])
    }

    @Test func theWaitIsCountedFromWhenTheInstanceStartedFiring() {
        var harness = H()
        // Firing for 100 s before the dispatcher first sees it (after a restart that lost its log).
        harness.set(["wikipedia"], .alarm, at: -100)
        #expect(
            harness.cycle(at: 0) == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: ["wikipedia"], changedAt: -100)
            ]
        )
    }

    @Test func insufficientDataIsSentWhenThePolicyAsksForIt() throws {
        var harness = try H(policy: .testing(notifyInsufficientData: true))
        harness.set(["wikipedia"], .insufficientData, at: 0)
        #expect(harness.cycle(at: 0) == [])
        #expect(
            harness.cycle(at: 60) == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .insufficientData, reason: .firing, firing: ["wikipedia"], changedAt: 0)
            ]
        )
        harness.set(["koalas"], .alarm, at: 100)
        #expect(
            harness.cycles(from: 120, through: 360).map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas", "wikipedia"], changedAt: 0)
            ]
        )
    }
}
