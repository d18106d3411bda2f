import CSystemd
#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd about the service's state through `sd_notify` (a no-op when
/// NOTIFY_SOCKET is unset, i.e. not started by systemd as Type=notify).
public struct SystemdNotifier: ServiceManagerNotifier, Sendable {
    public init() {}

    public func ready(status: String) {
        send("READY=1\nSTATUS=\(Self.oneLine(status))")
    }

    public func status(_ text: String) {
        send("STATUS=\(Self.oneLine(text))")
    }

    public func stopping(status: String) {
        send("STOPPING=1\nSTATUS=\(Self.oneLine(status))")
    }

    /// The service is reloading its configuration; the next READY=1 ends it.
    public func reloading(status: String) {
        send("RELOADING=1\nSTATUS=\(Self.oneLine(status))")
    }

    public func watchdogPing() {
        send("WATCHDOG=1")
    }

    /// Half the watchdog timeout systemd set (WATCHDOG_USEC), as sd_watchdog_enabled(3)
    /// advises; nil when there is no watchdog or it is meant for another process.
    public var watchdogPingInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds / 2))
    }

    @discardableResult
    func send(_ state: String) -> Int32 {
        sd_notify(0, state)
    }

    /// A status is one line of the notify protocol; a newline in it would start another
    /// assignment (`x\nSTOPPING=1`), so newlines become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
