/// What one evaluation cycle did: for the log, `alarms status` and the benchmark.
public struct CycleReport: Sendable, Hashable {
    public var listMetricsCalls = 0
    public var getMetricDataCalls = 0
    /// Metrics requested (what GetMetricData bills).
    public var queries = 0
    public var alarmStates = 0
    public var firing = 0
    public var notifications = 0
    public var enqueued = 0
    /// A read failed: nothing was evaluated, so that an outage of CloudWatch does not
    /// look like every metric going missing.
    public var readFailure: String?
    /// Direct feed posts taken in before the reads, and the datums of them rules read.
    public var feedBatches = 0
    public var feedDatums = 0

    public init() {}
}
