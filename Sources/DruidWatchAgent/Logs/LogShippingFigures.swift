/// What the log shipper has done since it started, for its self-metrics and tests.
public struct LogShippingFigures: Sendable, Equatable {
    public var linesRead = 0
    public var eventsRead = 0
    public var alertsRead = 0
    public var eventsSent = 0
    public var batchesSent = 0
    /// Events lost, by reason: `spool_full`, `spool_expired`, `disk_full`, `spool_unavailable`,
    /// `alert_queue_full`, `rejected` (CloudWatch Logs refused the call for good),
    /// `too_old`, `too_new`, `expired` (events CloudWatch Logs set aside).
    public var eventsDropped: [String: Int] = [:]
    public var truncations = 0
    /// Failed PutLogEvents / CreateLogStream calls, by outcome (`network`, `throttled`, …).
    public var callFailures: [String: Int] = [:]

    public init() {}

    public var eventsDroppedTotal: Int { eventsDropped.values.reduce(0, +) }
}
