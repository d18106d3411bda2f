import Foundation

/// One rule unit test (`alarms/tests/*.test.yaml`): input series and the states and
/// notifications expected at given times.
public struct AlarmRuleTestCase: Sendable {
    public var name: String
    public var start: Date
    public var series: [Series]
    public var expectations: [Expectation]
    /// Where the test was written, for messages.
    public var location: String

    public init(name: String, start: Date, series: [Series], expectations: [Expectation], location: String) {
        self.name = name
        self.start = start
        self.series = series
        self.expectations = expectations
        self.location = location
    }

    public struct Series: Sendable {
        /// nil: the namespace of whichever rule reads it.
        public var namespace: String?
        public var metricName: String
        public var dimensions: [MetricDimension]
        /// One value per period of the rule that reads it, from `start`.
        public var values: [Double?]

        public init(namespace: String?, metricName: String, dimensions: [MetricDimension], values: [Double?]) {
            self.namespace = namespace
            self.metricName = metricName
            self.dimensions = dimensions
            self.values = values
        }
    }

    public struct Expectation: Sendable {
        /// Seconds after `start`.
        public var at: Int
        public var alarm: String
        /// nil: the rule's only group.
        public var group: [MetricDimension]?
        public var state: AlarmState?
        public var notification: NotificationExpectation?
        public var location: String

        public init(at: Int, alarm: String, group: [MetricDimension]?, state: AlarmState?, notification: NotificationExpectation?, location: String) {
            self.at = at
            self.alarm = alarm
            self.group = group
            self.state = state
            self.notification = notification
            self.location = location
        }
    }

    public enum NotificationExpectation: Sendable, Hashable {
        case none
        case state(AlarmState)
    }
}
