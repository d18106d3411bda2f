import Foundation

/// A composite alarm's actions suppressor (PutCompositeAlarm `ActionsSuppressor`,
/// `ActionsSuppressorWaitPeriod`, `ActionsSuppressorExtensionPeriod`): while the
/// suppressor alarm is in ALARM the composite takes no actions. Both periods are
/// required with a suppressor (60 s is AWS's recommendation).
public struct ActionsSuppressor: Sendable, Hashable {
    public let alarm: AlarmReference
    /// How long after the composite changes state its actions wait for the suppressor to
    /// reach ALARM, for suppressors that lag behind the composite.
    public let waitPeriodSeconds: Int
    /// How long after the suppressor leaves ALARM the actions stay suppressed, for
    /// composites that lag behind the suppressor's recovery.
    public let extensionPeriodSeconds: Int

    public init(alarm: AlarmReference, waitPeriodSeconds: Int, extensionPeriodSeconds: Int) throws(AlarmConfigurationError) {
        guard waitPeriodSeconds >= 0 else { throw .negativeSuppressorPeriod(field: "wait period", seconds: waitPeriodSeconds) }
        guard extensionPeriodSeconds >= 0 else {
            throw .negativeSuppressorPeriod(field: "extension period", seconds: extensionPeriodSeconds)
        }
        self.alarm = alarm
        self.waitPeriodSeconds = waitPeriodSeconds
        self.extensionPeriodSeconds = extensionPeriodSeconds
    }

    /// Whether the composite's actions for the state it entered at `compositeChangedAt`
    /// are suppressed at `now`, given the suppressor's state changes (any order; changes
    /// after `now` are not looked at). The checks, in CloudWatch's `ActionsSuppressedBy` terms:
    ///
    /// 1. `Alarm`: the suppressor is in ALARM now. No end is known.
    /// 2. `ExtensionPeriod`: the suppressor left ALARM less than the extension period ago.
    /// 3. `WaitPeriod`: the composite changed less than the wait period ago and the
    ///    suppressor has not been in ALARM since; if it gets there in time, (1) applies.
    ///
    /// When a suppression with an end runs out and the composite is still in the state, the
    /// composite then performs its actions ("After this time, the composite alarm performs
    /// its actions"): the caller should check again at `until`.
    public func suppression(compositeChangedAt: Date, suppressorHistory: [AlarmStateChange], now: Date) -> ActionsSuppression {
        let history = suppressorHistory.filter { $0.time <= now }.sorted { $0.time < $1.time }
        if history.last?.state == .alarm { return .suppressed(by: .alarm, until: nil) }

        let lastExitFromAlarm = history.indices.dropFirst()
            .last { history[$0 - 1].state == .alarm && history[$0].state != .alarm }
            .map { history[$0].time }
        if let exit = lastExitFromAlarm {
            let end = exit.addingTimeInterval(Double(extensionPeriodSeconds))
            if now < end { return .suppressed(by: .extensionPeriod, until: end) }
        }

        let stateAtChange = history.last { $0.time <= compositeChangedAt }?.state
        let alarmSinceChange = stateAtChange == .alarm || history.contains { $0.state == .alarm && $0.time > compositeChangedAt }
        let waitEnd = compositeChangedAt.addingTimeInterval(Double(waitPeriodSeconds))
        if !alarmSinceChange, now < waitEnd { return .suppressed(by: .waitPeriod, until: waitEnd) }
        return .notSuppressed
    }
}

/// One state change of an alarm: the state it entered, and when.
public struct AlarmStateChange: Sendable, Hashable {
    public let state: AlarmState
    public let time: Date

    public init(state: AlarmState, time: Date) {
        self.state = state
        self.time = time
    }
}

/// Whether a composite's actions are held back, and by what.
public enum ActionsSuppression: Sendable, Hashable {
    case notSuppressed
    /// `until` is when the suppression ends unless something changes; nil while the
    /// suppressor is in ALARM.
    case suppressed(by: ActionsSuppressedBy, until: Date?)

    public var isSuppressed: Bool { self != .notSuppressed }
}

/// CloudWatch's `ActionsSuppressedBy` values.
public enum ActionsSuppressedBy: String, Sendable, Hashable, CaseIterable {
    case alarm = "Alarm"
    case waitPeriod = "WaitPeriod"
    case extensionPeriod = "ExtensionPeriod"
}
