import DruidWatchCore
import Foundation
import Synchronization

/// A wall clock that moves only when a test says so.
final class CredentialTestClock: WallClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_764_064_800)) {  // 2025-11-25T10:00:00Z
        current = Mutex(start)
    }

    func now() -> Date {
        current.withLock { $0 }
    }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
