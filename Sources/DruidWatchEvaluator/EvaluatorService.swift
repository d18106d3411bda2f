import DruidWatchCore
import DruidWatchSystemd
import Foundation
import Logging
import ServiceLifecycle

/// The evaluator's loop: a cycle at every multiple of the interval on the wall clock
/// (so that each runs just after the periods it reads have ended), with readiness,
/// status and watchdog pings for systemd. The outbox sender runs beside it.
public struct EvaluatorService: Service {
    public var cycle: EvaluationCycle
    public var intervalSeconds: Int
    public var clock: any WallClock
    public var notifier: any ServiceManagerNotifier
    public var logger: Logger
    /// Stop after this many cycles (demo and tests); nil runs until shut down.
    public var cycleLimit: Int?
    public var heartbeat: EvaluatorHeartbeat?
    /// Republishes the dashboards when what the cycles discover of the cluster changes.
    public var dashboards: DashboardRefresher?

    public init(
        cycle: EvaluationCycle, intervalSeconds: Int, clock: any WallClock = SystemWallClock(), notifier: any ServiceManagerNotifier = SilentNotifier(),
        logger: Logger, cycleLimit: Int? = nil, heartbeat: EvaluatorHeartbeat? = nil, dashboards: DashboardRefresher? = nil
    ) {
        self.cycle = cycle
        self.intervalSeconds = intervalSeconds
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
        self.cycleLimit = cycleLimit
        self.heartbeat = heartbeat
        self.dashboards = dashboards
    }

    public func run() async throws {
        let stallLimit = Duration.seconds(intervalSeconds * 3 + 120)
        try await Heartbeat.runWatched(notifier: notifier, stallLimit: stallLimit) { heartbeat in
            await runLoop(heartbeat: heartbeat)
        }
    }

    private func runLoop(heartbeat: Heartbeat) async {
        notifier.ready(status: "evaluating \(cycle.rules.rules.count) rules every \(intervalSeconds)s")
        logger.info("evaluator started", metadata: ["rules": "\(cycle.rules.rules.count)", "interval": "\(intervalSeconds)s"])
        var cycles = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let started = clock.now()
            let report = await cycle.run(now: started)
            heartbeat.beat()
            await self.heartbeat?.beat(report, at: started)
            if let dashboards, report.readFailure == nil {
                await dashboards.refresh(fleet: dashboards.fleet(of: cycle.currentState.evaluator))
            }
            cycles += 1
            notifier.status(Self.statusLine(report))
            logCycle(report)
            if let cycleLimit, cycles >= cycleLimit { break }
            let now = clock.now().timeIntervalSince1970
            let interval = Double(intervalSeconds)
            let next = (now / interval).rounded(.down) * interval + interval
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .milliseconds(Int64(max(0, next - now) * 1000)))
                }
            } catch {
                break
            }
        }
        notifier.stopping(status: "stopping")
        logger.info("evaluator stopped", metadata: ["cycles": "\(cycles)"])
    }

    private func logCycle(_ report: CycleReport) {
        let metadata: Logger.Metadata = [
            "getMetricData": "\(report.getMetricDataCalls)", "metrics": "\(report.queries)", "listMetrics": "\(report.listMetricsCalls)",
            "alarmStates": "\(report.alarmStates)", "firing": "\(report.firing)", "notifications": "\(report.notifications)",
        ]
        if report.readFailure != nil {
            logger.warning("cycle skipped: CloudWatch unreadable", metadata: metadata)
        } else {
            logger.info("cycle evaluated", metadata: metadata)
        }
    }

    static func statusLine(_ report: CycleReport) -> String {
        if let failure = report.readFailure { return "CloudWatch unreadable, nothing evaluated: \(failure)" }
        return "\(report.alarmStates) alarm states, \(report.firing) in ALARM; \(report.queries) metrics read in \(report.getMetricDataCalls) calls"
    }
}
