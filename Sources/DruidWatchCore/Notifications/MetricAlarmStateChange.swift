import Foundation

/// One state change of a metric alarm, with everything CloudWatch puts into the SNS
/// message it publishes for it (reference §1.11) plus druidwatch's context for humans.
/// Times are given, never read from a clock, so the same change renders the same
/// message on every retry.
public struct MetricAlarmStateChange: Sendable, Hashable {
    public var alarmName: String
    /// nil renders as JSON `null` and an empty e-mail line, as CloudWatch does.
    public var alarmDescription: String?
    /// Twelve digits, kept as a string: leading zeros are significant.
    public var accountID: String
    /// The region code (`us-east-1`); the display name is derived.
    public var regionCode: String
    /// When the alarm's configuration last changed; nil leaves the field out, as in
    /// CloudWatch's pre-2020 payloads.
    public var configurationUpdatedAt: Date?
    public var oldState: AlarmState
    public var newState: AlarmState
    /// The engine's reason (`AlarmEvaluation.reason`), worded as CloudWatch words it.
    public var reason: String
    public var stateChangedAt: Date
    public var okActions: [String]
    public var alarmActions: [String]
    public var insufficientDataActions: [String]
    public var trigger: MetricAlarmTrigger
    /// Set for a composite alarm: its JSON has `AlarmRule` and `TriggeringChildren` and no `Trigger`.
    public var composite: CompositeAlarmDetails?
    public var context: AlarmNotificationContext

    public init(
        alarmName: String,
        alarmDescription: String? = nil,
        accountID: String,
        regionCode: String,
        configurationUpdatedAt: Date? = nil,
        oldState: AlarmState,
        newState: AlarmState,
        reason: String,
        stateChangedAt: Date,
        okActions: [String] = [],
        alarmActions: [String] = [],
        insufficientDataActions: [String] = [],
        trigger: MetricAlarmTrigger,
        composite: CompositeAlarmDetails? = nil,
        context: AlarmNotificationContext = AlarmNotificationContext()
    ) {
        self.alarmName = alarmName
        self.alarmDescription = alarmDescription
        self.accountID = accountID
        self.regionCode = regionCode
        self.configurationUpdatedAt = configurationUpdatedAt
        self.oldState = oldState
        self.newState = newState
        self.reason = reason
        self.stateChangedAt = stateChangedAt
        self.okActions = okActions
        self.alarmActions = alarmActions
        self.insufficientDataActions = insufficientDataActions
        self.trigger = trigger
        self.composite = composite
        self.context = context
    }

    public var regionDisplayName: String { AWSRegionNames.displayName(for: regionCode) }

    /// `arn:aws:cloudwatch:<region>:<account>:alarm:<name>`, the name unencoded as CloudWatch writes it.
    public var alarmARN: String { "arn:aws:cloudwatch:\(regionCode):\(accountID):alarm:\(alarmName)" }
}
