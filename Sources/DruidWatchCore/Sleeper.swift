/// Waits, on behalf of code that paces itself (rate limits, backoff); injected next to a
/// ``WallClock`` so that tests can advance virtual time instead of sleeping.
public protocol Sleeper: Sendable {
    /// Throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

public struct TaskSleeper: Sleeper {
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
