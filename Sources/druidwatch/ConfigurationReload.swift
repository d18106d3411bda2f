import DruidWatchSystemd
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals
#if canImport(Glibc)
import Glibc
#endif

/// SIGHUP (`systemctl reload`): the configuration is read again. When it has problems
/// they are logged and the process keeps running as it was configured; when it is good,
/// the service group shuts down gracefully (the agent publishes and spools what it
/// holds) and the process executes itself again with the same command line, so it stays
/// systemd's main process and starts on the new configuration with the spool and the
/// checkpoints where they were.
final class ConfigurationReload: Service, Sendable {
    /// Answers the problems of the configuration on disk, or nil when it can be used.
    private let check: @Sendable () -> String?
    private let notifier: ReloadAwareNotifier
    private let logger: Logger

    init(notifier: ReloadAwareNotifier, logger: Logger, check: @escaping @Sendable () -> String?) {
        self.check = check
        self.notifier = notifier
        self.logger = logger
    }

    var isRequested: Bool { notifier.isReloading }

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                if let problems = self.check() {
                    self.logger.error("reload refused: the configuration has problems; still running with the one loaded at start", metadata: ["problems": "\(problems)"])
                    continue
                }
                self.logger.notice("reloading: configuration checked; restarting in place with it")
                self.notifier.beginReload()
                return
            }
        }
    }

    /// Replaces the process image with a new run of the same command line; returns only
    /// when that fails (and says why).
    static func executeAgain(logger: Logger) {
        let arguments = CommandLine.arguments
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &argv)
        logger.critical("reload: cannot execute /proc/self/exe again: \(String(cString: strerror(errno)))")
        for pointer in argv { free(pointer) }
    }
}

/// Passes the service's state on to systemd, except that during a reload "stopping" is
/// said as RELOADING=1: the process executes itself again and stays the main process,
/// and its next READY=1 ends the reload.
final class ReloadAwareNotifier: ServiceManagerNotifier, Sendable {
    private let base: any ServiceManagerNotifier
    private let reloading = Atomic<Bool>(false)
    private let sendReloading: @Sendable () -> Void

    init(_ base: any ServiceManagerNotifier, sendReloading: @escaping @Sendable () -> Void) {
        self.base = base
        self.sendReloading = sendReloading
    }

    var isReloading: Bool { reloading.load(ordering: .acquiring) }

    func beginReload() {
        reloading.store(true, ordering: .releasing)
        sendReloading()
    }

    func ready(status: String) { base.ready(status: status) }
    func status(_ text: String) { base.status(text) }
    func stopping(status: String) {
        if isReloading { base.status(status) } else { base.stopping(status: status) }
    }
    func watchdogPing() { base.watchdogPing() }
    var watchdogPingInterval: Duration? { base.watchdogPingInterval }
}
