import DruidWatchCore

/// What the receiver does with one POST, and what it answers Druid.
public enum EmitterBatchOutcome: Sendable, Equatable {
    /// 200: the batch was read; bad events in it were counted and skipped.
    case accepted(DruidBatchReport, unknownMetrics: Int)
    /// 400: nothing in the body could be read as events; Druid will retry it, which is
    /// harmless because nothing of it was kept.
    case malformed(String)
}
