import Foundation

/// The source of "now" for timestamps and period boundaries. Injected everywhere so
/// that tests control time.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
