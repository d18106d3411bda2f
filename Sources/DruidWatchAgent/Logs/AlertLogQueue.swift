import DruidWatchCore
import Synchronization

/// Druid alerts on their way from the emitter receiver to the alerts log stream. The
/// receiver's threads push; the log shipper takes them each cycle. Bounded: past
/// `capacity` the oldest are dropped and counted, so a storm of alerts during an outage
/// cannot grow memory without end.
public final class AlertLogQueue: Sendable {
    public let capacity: Int
    private let state: Mutex<State>

    private struct State {
        var alerts: [DruidAlertEvent] = []
        var dropped = 0
    }

    public init(capacity: Int = 10_000) {
        self.capacity = max(1, capacity)
        state = Mutex(State())
    }

    public func push(_ alerts: [DruidAlertEvent]) {
        guard !alerts.isEmpty else { return }
        state.withLock { state in
            state.alerts += alerts
            let excess = state.alerts.count - capacity
            if excess > 0 {
                state.alerts.removeFirst(excess)
                state.dropped += excess
            }
        }
    }

    /// The queued alerts, oldest first, and how many were dropped since the last take.
    public func take() -> (alerts: [DruidAlertEvent], dropped: Int) {
        state.withLock { state in
            defer { state = State() }
            return (state.alerts, state.dropped)
        }
    }
}
