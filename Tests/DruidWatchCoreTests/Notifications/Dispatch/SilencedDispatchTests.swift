import DruidWatchCore
import Foundation
import Testing

/// Silences in the dispatcher: silenced instances are left out, a group with only
/// silenced instances sends nothing, and an expired silence lets the instance be sent.
@Suite struct SilencedDispatchTests {
    private typealias H = DispatchHarness

    private static func silence(_ harness: inout H, _ matchers: [String], from: Double = -60, to: Double = 100_000) throws {
        try harness.silences.add(
            Silence(id: "s\(harness.silences.silences.count)", matching: matchers, startsAt: H.at(from), endsAt: H.at(to), createdBy: "me", comment: "why"),
            at: H.at(from)
        )
    }

    @Test func silencedInstancesAreLeftOut() throws {
        var harness = H()
        try Self.silence(&harness, ["dataSource=koalas"])
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(
            harness.cycles(from: 0, through: 60).map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 1), state: .alarm, reason: .firing, firing: ["wikipedia"], changedAt: 0)
            ]
        )
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [H.key("wikipedia")])
    }

    @Test func aGroupWhoseFiringInstancesAreAllSilencedSendsNothing() throws {
        var harness = H()
        try Self.silence(&harness, ["alarm=~DruidIngestion.*", "severity=page"])
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 2 * 14_400).isEmpty)
        #expect(harness.dispatcher.log.openRuleNames == [])
    }

    @Test func whenTheSilenceExpiresAnInstanceStillFiringIsSentThen() throws {
        var harness = H()
        try Self.silence(&harness, ["team=druid", "dataSource!~wiki.*"], to: 1_000)
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        var sent = harness.cycles(from: 0, through: 960)
        #expect(sent.map { $0.notification.firing.map(\.key) } == [[H.key("wikipedia")]])
        sent = harness.cycles(from: 1_020, through: 1_500)
        // It has been firing since 0 s, so it has waited long enough: the next tick sends it.
        #expect(sent.map(\.at) == [1_260])
        #expect(
            sent.map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: ["koalas", "wikipedia"], changedAt: 0)
            ]
        )
    }

    @Test func anExpiredSilenceOnALoneInstanceOpensTheGroupAtOnce() throws {
        var harness = H()
        try Self.silence(&harness, ["dataSource=koalas"], to: 1_000)
        harness.set(["koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 480).isEmpty)
        harness.silences.expire(id: "s0", at: H.at(500))
        #expect(
            harness.cycle(at: 540) == [
                harness.expected(id: H.groupID(startedAt: 540, 1), state: .alarm, reason: .firing, firing: ["koalas"], changedAt: 0)
            ]
        )
    }

    @Test func silencingANotifiedInstanceStopsRepeatsButItsRecoveryIsStillSent() throws {
        var harness = H()
        harness.set(["wikipedia"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        try Self.silence(&harness, ["dataSource=wikipedia"], from: 100)
        #expect(harness.cycles(from: 120, through: 20_000).isEmpty)
        harness.set(["wikipedia"], .ok, at: 20_010)
        let sent = harness.cycles(from: 20_040, through: 21_000)
        #expect(sent.map(\.at) == [20_160])
        #expect(
            sent.map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .ok, reason: .resolved, firing: [], resolved: ["wikipedia"], changedAt: 20_010)
            ]
        )
    }

    @Test func aRecoveryBesideASilencedInstanceKeepsTheGroupInAlarm() throws {
        var harness = H()
        harness.set(["wikipedia", "koalas"], .alarm, at: 0)
        #expect(harness.cycles(from: 0, through: 60).count == 1)
        try Self.silence(&harness, ["dataSource=koalas"], from: 100)
        harness.set(["wikipedia"], .ok, at: 200)
        // Koalas is silenced, not recovered: the receiver's incident stays open for it.
        #expect(
            harness.cycles(from: 240, through: 600).map(\.notification) == [
                harness.expected(id: H.groupID(startedAt: 0, 2), state: .alarm, reason: .changed, firing: [], resolved: ["wikipedia"], changedAt: 0)
            ]
        )
        #expect(harness.dispatcher.log.notifiedFiring(ruleName: H.stalled) == [H.key("koalas")])
    }
}
