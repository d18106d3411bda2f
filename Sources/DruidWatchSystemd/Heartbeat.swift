import Synchronization

/// When a service's main loop last made progress, on the monotonic clock.
public final class Heartbeat: Sendable {
    private let last = Mutex(ContinuousClock.now)

    public init() {}

    public func beat() {
        last.withLock { $0 = ContinuousClock.now }
    }

    public var sinceLastBeat: Duration {
        ContinuousClock.now - last.withLock { $0 }
    }

    /// Pings the watchdog only while the loop is making progress, so that systemd restarts
    /// a service whose loop is stuck rather than one whose pinger happens to be alive.
    public static func pingWatchdog(notifier: any ServiceManagerNotifier, every interval: Duration, heartbeat: Heartbeat, stallLimit: Duration) async {
        while !Task.isCancelled {
            if heartbeat.sinceLastBeat < stallLimit { notifier.watchdogPing() }
            try? await Task.sleep(for: interval)
        }
    }

    /// Runs a service's loop with a fresh heartbeat, and beside it the watchdog pinger
    /// when the service manager asked for one; the pinger stops when the loop returns.
    public static func runWatched(notifier: any ServiceManagerNotifier, stallLimit: Duration, _ loop: @Sendable (Heartbeat) async -> Void) async throws {
        let heartbeat = Heartbeat()
        try await withThrowingDiscardingTaskGroup { group in
            if let interval = notifier.watchdogPingInterval {
                group.addTask {
                    await pingWatchdog(notifier: notifier, every: interval, heartbeat: heartbeat, stallLimit: stallLimit)
                }
            }
            await loop(heartbeat)
            group.cancelAll()
        }
    }
}
