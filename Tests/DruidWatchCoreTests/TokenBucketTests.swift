import DruidWatchCore
import Foundation
import Testing

@Suite struct TokenBucketTests {
    let start = Date(timeIntervalSince1970: 1_000)

    @Test func aFullBucketLetsABurstThroughThenPacesAtTheRate() {
        var bucket = TokenBucket(ratePerSecond: 5, burst: 5)
        for _ in 0..<5 { #expect(bucket.take(at: start) == .zero) }
        let wait = bucket.take(at: start)
        #expect(wait > .milliseconds(199) && wait <= .milliseconds(201))
        #expect(bucket.take(at: start.addingTimeInterval(0.1)) > .zero)
        #expect(bucket.take(at: start.addingTimeInterval(0.2)) == .zero)
    }

    @Test func idleTimeRefillsNoMoreThanTheBurst() {
        var bucket = TokenBucket(ratePerSecond: 2, burst: 3)
        for _ in 0..<3 { _ = bucket.take(at: start) }
        let later = start.addingTimeInterval(3_600)
        for _ in 0..<3 { #expect(bucket.take(at: later) == .zero) }
        #expect(bucket.take(at: later) > .zero)
    }

    @Test func aClockSteppingBackwardsGrantsNothing() {
        var bucket = TokenBucket(ratePerSecond: 1, burst: 1)
        #expect(bucket.take(at: start) == .zero)
        #expect(bucket.take(at: start.addingTimeInterval(-60)) > .zero)
        #expect(bucket.take(at: start.addingTimeInterval(0.5)) > .zero)
        #expect(bucket.take(at: start.addingTimeInterval(1)) == .zero)
    }

    /// Waiting exactly what it answers always finds a token.
    @Test func theAnsweredWaitIsEnough() {
        var bucket = TokenBucket(ratePerSecond: 3, burst: 1)
        var now = start
        var taken = 0
        while taken < 30 {
            let wait = bucket.take(at: now)
            if wait == .zero {
                taken += 1
            } else {
                now = now.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
                #expect(bucket.take(at: now) == .zero)
                taken += 1
            }
        }
        #expect(now.timeIntervalSince(start) >= 29.0 / 3 - 1e-6)
    }
}

extension TokenBucketTests {
    /// At today's epoch a `Date` cannot hold a few nanoseconds; a bucket a rounding
    /// error short of a token must not answer waits too small to move the clock.
    @Test func roundingNeverStallsTheClock() {
        var bucket = TokenBucket(ratePerSecond: 5, burst: 5)
        var now = Date(timeIntervalSince1970: 1_764_000_000.123)
        var taken = 0
        var rounds = 0
        while taken < 100, rounds < 1_000 {
            rounds += 1
            let wait = bucket.take(at: now)
            if wait == .zero {
                taken += 1
            } else {
                now = now.addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            }
        }
        #expect(taken == 100)
        #expect(rounds <= 200)
    }
}
