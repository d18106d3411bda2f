import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Collects what a handler emits (lines, journal field lists), from any thread.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])

    func append(_ element: Element) {
        storage.withLock { $0.append(element) }
    }

    var all: [Element] {
        storage.withLock { $0 }
    }
}

/// 2026-11-25T10:00:00Z plus `fraction` seconds.
func fixedDate(fraction: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_795_600_800 + fraction)
}

/// The process environment is global: only tests inside `ProcessStateTests` (a
/// serialized suite) may change it, and each change is undone when `body` returns.
/// `nil` means "unset".
func withEnvironment<T>(_ changes: [String: String?], _ body: () throws -> T) rethrows -> T {
    var saved: [String: String?] = [:]
    for (name, value) in changes {
        saved[name] = getenv(name).map { String(cString: $0) }
        if let value { setenv(name, value, 1) } else { unsetenv(name) }
    }
    defer {
        for (name, value) in saved {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
    }
    return try body()
}
