/// What one pass over the due notifications did.
public struct OutboxSendReport: Sendable, Equatable {
    public var sent = 0
    /// Failed in a way that passes (throttling, a network error); retried later.
    public var deferred = 0
    /// Refused for good; moved to the undeliverable directory.
    public var undeliverable = 0
    /// The pass ended early for a graceful shutdown; what was left stays on disk.
    public var interrupted = false

    public init() {}

    public var attempted: Int { sent + deferred + undeliverable }
}
