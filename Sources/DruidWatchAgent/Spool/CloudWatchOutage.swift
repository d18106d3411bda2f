import Synchronization

/// Whether the last request CloudWatch could not take has been followed by one it took.
/// While an outage lasts, a publish sends one probe request without retries and spools
/// the rest unsent: retrying every batch of every period against an endpoint that is
/// down makes the agent fall behind its own clock (periods pile up and are dropped as
/// late) and makes SIGTERM wait for timeouts.
public final class CloudWatchOutage: Sendable {
    private let ongoing = Mutex(false)

    public init() {}

    public var isOngoing: Bool { ongoing.withLock { $0 } }

    /// Records an outcome; answers whether that changed the state (for logging once).
    @discardableResult
    func record(available: Bool) -> Bool {
        ongoing.withLock { state in
            defer { state = !available }
            return state == available
        }
    }
}
