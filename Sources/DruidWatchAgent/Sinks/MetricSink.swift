import DruidWatchCore

/// Where aggregated datums go: CloudWatch in production, a recorder in tests.
public protocol MetricSink: Sendable {
    func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport
}

/// What became of one publish: every datum handed in is either published, dropped
/// with a reason, or spooled to disk for a later attempt, so that
/// received = published + dropped + spooled always holds.
public struct PublishReport: Sendable, Equatable {
    public var published = 0
    public var requests = 0
    /// Datums CloudWatch could not take now, kept on disk to be replayed later
    /// (only a spooling sink reports any).
    public var spooled = 0
    /// Datums of earlier publishes, replayed from the spool and published by this
    /// one; not part of `received = published + dropped + spooled`.
    public var replayed = 0
    public var dropped: [DropReason: Int] = [:]
    /// The last error text per reason, for the log line.
    public var lastError: [DropReason: String] = [:]

    public enum DropReason: String, Sendable, Hashable, CaseIterable {
        /// CloudWatch refused the datum itself (validation); retrying cannot help.
        case rejected
        /// CloudWatch or the network stayed unavailable through every retry.
        case unavailable
        /// A value CloudWatch cannot store (beyond ±2^360); never sent.
        case valueOutOfRange = "value_out_of_range"
        /// A timestamp outside what CloudWatch accepts (two weeks back, two hours ahead); never sent.
        case outsideTimeWindow = "outside_time_window"
    }

    public init() {}

    public var droppedTotal: Int { dropped.values.reduce(0, +) }

    public mutating func drop(_ count: Int, _ reason: DropReason, error: String) {
        dropped[reason, default: 0] += count
        lastError[reason] = error
    }

    public mutating func merge(_ other: PublishReport) {
        published += other.published
        requests += other.requests
        spooled += other.spooled
        replayed += other.replayed
        for (reason, count) in other.dropped { dropped[reason, default: 0] += count }
        lastError.merge(other.lastError) { _, newer in newer }
    }
}
