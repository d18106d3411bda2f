import Foundation

/// What a composite alarm's JSON carries instead of a `Trigger`: its rule and the children
/// whose state made it change (reference §1.11, observed payloads).
public struct CompositeAlarmDetails: Sendable, Hashable {
    public var alarmRule: String
    /// At most ten are listed, as CloudWatch's e-mail does.
    public var triggeringChildren: [TriggeringChild]

    public init(alarmRule: String, triggeringChildren: [TriggeringChild]) {
        self.alarmRule = alarmRule
        self.triggeringChildren = triggeringChildren
    }

    public struct TriggeringChild: Sendable, Hashable {
        public var arn: String
        public var state: AlarmState
        public var timestamp: Date

        public init(arn: String, state: AlarmState, timestamp: Date) {
            self.arn = arn
            self.state = state
            self.timestamp = timestamp
        }
    }
}
