/// An `alarm` widget's properties (reference §2.6): the state of 1 to 100 alarms.
public struct AlarmStatusWidget: Sendable, Equatable, Encodable {
    public var alarms: [String]
    public var title: String?
    public var sortBy: SortOrder?
    public var states: [AlarmState]?

    public enum SortOrder: String, Sendable, Equatable, Encodable {
        case `default`
        case stateUpdatedTimestamp
        case timestamp
    }

    public enum AlarmState: String, Sendable, Equatable, Encodable {
        case alarm = "ALARM"
        case insufficientData = "INSUFFICIENT_DATA"
        case ok = "OK"
    }

    public init(alarms: [String], title: String? = nil, sortBy: SortOrder? = nil, states: [AlarmState]? = nil) {
        self.alarms = alarms
        self.title = title
        self.sortBy = sortBy
        self.states = states
    }
}
