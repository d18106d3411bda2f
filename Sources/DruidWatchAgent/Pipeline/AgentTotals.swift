/// Running counts since start, for logs, `STATUS=` lines and (later) self-metrics.
public struct AgentTotals: Sendable, Equatable {
    public var samplesCollected = 0
    public var samplesRejected = 0
    public var datumsPublished = 0
    public var datumsDropped = 0
    /// Kept on disk for a later attempt (a spooling sink only).
    public var datumsSpooled = 0
    /// Published from the spool, in later publishes than their own.
    public var datumsReplayed = 0
    public var requests = 0
    public var periodsPublished = 0
    public var dimensionsTruncated = 0
    public var sourceFailures: [String: Int] = [:]

    public init() {}

    mutating func record(_ report: PublishReport) {
        datumsPublished += report.published
        datumsDropped += report.droppedTotal
        datumsSpooled += report.spooled
        datumsReplayed += report.replayed
        requests += report.requests
        periodsPublished += 1
    }
}
