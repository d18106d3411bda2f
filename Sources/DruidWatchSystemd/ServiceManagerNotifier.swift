/// What a long-running druidwatch service (the agent, the evaluator) tells its service
/// manager. Production uses systemd's `sd_notify`; the protocol keeps the services'
/// timing testable without a notify socket.
public protocol ServiceManagerNotifier: Sendable {
    func ready(status: String)
    func status(_ text: String)
    func stopping(status: String)
    func watchdogPing()
    /// How often to ping the watchdog, or nil when the service manager set none.
    var watchdogPingInterval: Duration? { get }
}

public struct SilentNotifier: ServiceManagerNotifier {
    public init() {}
    public func ready(status: String) {}
    public func status(_ text: String) {}
    public func stopping(status: String) {}
    public func watchdogPing() {}
    public var watchdogPingInterval: Duration? { nil }
}
