import Foundation

/// A rate limit that allows short bursts: tokens accrue at `ratePerSecond` up to
/// `burst`, and each action takes one. Pure: the caller passes the time, so tests run
/// in virtual time.
///
/// Time is wall-clock (`Date`) because that is what the injected clocks give; a clock
/// stepping backwards accrues nothing until it passes the last reading again, so a
/// step can delay actions but never let a burst through.
public struct TokenBucket: Sendable {
    public let ratePerSecond: Double
    public let burst: Double
    private var tokens: Double
    private var lastRefill: Date?

    /// Starts full, so that the first `burst` actions go at once.
    public init(ratePerSecond: Double, burst: Int) {
        precondition(ratePerSecond > 0, "a token bucket needs a positive rate")
        self.ratePerSecond = ratePerSecond
        self.burst = Double(max(1, burst))
        self.tokens = self.burst
    }

    /// Takes a token and answers `.zero` if one is available at `now`; otherwise takes
    /// nothing and answers how long until one will be.
    public mutating func take(at now: Date) -> Duration {
        refill(at: now)
        // `Date` resolves about a tenth of a microsecond, so a wait it cannot represent
        // would leave the bucket a hair short forever: a millionth of a token is a token.
        if tokens >= 1 - Self.tolerance {
            tokens = max(0, tokens - 1)
            return .zero
        }
        let seconds = (1 - tokens) / ratePerSecond
        // Rounded up to whole microseconds so that waiting exactly this long always
        // finds the token there.
        return .microseconds(max(1, Int64((seconds * 1e6).rounded(.up))))
    }

    private static let tolerance = 1e-6

    private mutating func refill(at now: Date) {
        guard let lastRefill else {
            self.lastRefill = now
            return
        }
        let elapsed = now.timeIntervalSince(lastRefill)
        guard elapsed > 0 else { return }
        tokens = min(burst, tokens + elapsed * ratePerSecond)
        self.lastRefill = now
    }
}
