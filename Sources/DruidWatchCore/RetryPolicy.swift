/// Capped exponential backoff with full jitter (AWS Architecture Blog, "Exponential
/// Backoff and Jitter"): attempt n waits a random time in [0, min(cap, base·2ⁿ)].
public struct RetryPolicy: Sendable {
    public var maximumAttempts: Int
    public var baseDelay: Duration
    public var maximumDelay: Duration

    public init(maximumAttempts: Int = 4, baseDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(10)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// The longest the wait before retry `retry` (1-based) may be.
    public func delayCeiling(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let grown = baseDelay * (1 << exponent)
        return min(grown, maximumDelay)
    }

    public func delay<Generator: RandomNumberGenerator>(beforeRetry retry: Int, using generator: inout Generator) -> Duration {
        Self.fullJitter(below: delayCeiling(beforeRetry: retry), using: &generator)
    }

    /// A uniformly random wait in [0, ceiling], which spreads out the retries of many
    /// callers that failed together.
    public static func fullJitter<Generator: RandomNumberGenerator>(below ceiling: Duration, using generator: inout Generator) -> Duration {
        let ceilingNanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard ceilingNanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...ceilingNanoseconds, using: &generator))
    }
}
