import DruidWatchCore
import Foundation
import Testing

/// Composite action suppression timing: the suppressor's ALARM, the wait period after the
/// composite changes, the extension period after the suppressor recovers.
@Suite struct ActionsSuppressorTests {
    private let start = Date(timeIntervalSince1970: 1_700_000_000)
    private func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
    private func change(_ state: AlarmState, _ seconds: Double) -> AlarmStateChange { AlarmStateChange(state: state, time: at(seconds)) }

    private func suppressor(wait: Int = 60, extension: Int = 120) throws -> ActionsSuppressor {
        try ActionsSuppressor(alarm: AlarmReference("maintenance"), waitPeriodSeconds: wait, extensionPeriodSeconds: `extension`)
    }

    @Test func theSuppressorInAlarmSuppressesWithoutEnd() throws {
        let result = try suppressor().suppression(compositeChangedAt: at(0), suppressorHistory: [change(.ok, -600), change(.alarm, -300)], now: at(1_000))
        #expect(result == .suppressed(by: .alarm, until: nil))
        #expect(result.isSuppressed)
    }

    @Test func theWaitPeriodHoldsActionsUntilItEnds() throws {
        let suppressor = try suppressor()
        let history = [change(.ok, -600)]
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(0)) == .suppressed(by: .waitPeriod, until: at(60)))
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(59)) == .suppressed(by: .waitPeriod, until: at(60)))
        // At its end the composite performs its actions.
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(60)) == .notSuppressed)
    }

    @Test func aSuppressorReachingAlarmWithinTheWaitPeriodTakesOver() throws {
        let history = [change(.ok, -600), change(.alarm, 30)]
        let suppressor = try suppressor()
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(20)) == .suppressed(by: .waitPeriod, until: at(60)))
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(30)) == .suppressed(by: .alarm, until: nil))
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(3_600)) == .suppressed(by: .alarm, until: nil))
    }

    @Test func theExtensionPeriodFollowsTheSuppressorsRecovery() throws {
        let history = [change(.alarm, -600), change(.ok, 100)]
        let suppressor = try suppressor()
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(150)) == .suppressed(by: .extensionPeriod, until: at(220)))
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(220)) == .notSuppressed)
        // The wait period does not apply when the suppressor was in ALARM as the composite
        // changed: once a short extension has run out, nothing holds the actions back.
        let shortExtension = try self.suppressor(wait: 60, extension: 10)
        #expect(shortExtension.suppression(compositeChangedAt: at(0), suppressorHistory: [change(.alarm, -600), change(.ok, 5)], now: at(30)) == .notSuppressed)
        // An OK suppressor at the change, though, is waited for.
        #expect(shortExtension.suppression(compositeChangedAt: at(0), suppressorHistory: [change(.alarm, -600), change(.ok, -500)], now: at(30)) == .suppressed(by: .waitPeriod, until: at(60)))
    }

    @Test func aRecoveryLongAgoSuppressesNothing() throws {
        let history = [change(.alarm, -6_000), change(.ok, -5_000)]
        let result = try suppressor().suppression(compositeChangedAt: at(0), suppressorHistory: history, now: at(61))
        #expect(result == .notSuppressed)
    }

    @Test func changesAfterNowAndHistoryOrderDoNotMatter() throws {
        let shuffled = [change(.alarm, 500), change(.ok, -600)]
        let result = try suppressor().suppression(compositeChangedAt: at(0), suppressorHistory: shuffled, now: at(10))
        #expect(result == .suppressed(by: .waitPeriod, until: at(60)))
    }

    @Test func zeroPeriodsMeanOnlyTheSuppressorsAlarmCounts() throws {
        let suppressor = try suppressor(wait: 0, extension: 0)
        #expect(suppressor.suppression(compositeChangedAt: at(0), suppressorHistory: [change(.alarm, -60), change(.ok, 0)], now: at(0)) == .notSuppressed)
    }

    @Test func negativePeriodsAreRefused() {
        #expect(throws: AlarmConfigurationError.negativeSuppressorPeriod(field: "wait period", seconds: -1)) {
            try ActionsSuppressor(alarm: AlarmReference("m"), waitPeriodSeconds: -1, extensionPeriodSeconds: 60)
        }
        #expect(ActionsSuppressedBy.allCases.map(\.rawValue) == ["Alarm", "WaitPeriod", "ExtensionPeriod"])
    }
}
