import Foundation

/// Durations configure this module (they read well at call sites) while `WallClock`
/// speaks `Date`; this bridges the two.
enum DurationConversion {
    static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }

    static func date(_ date: Date, plus duration: Duration) -> Date {
        date.addingTimeInterval(seconds(duration))
    }
}
