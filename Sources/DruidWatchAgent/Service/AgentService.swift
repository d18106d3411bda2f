import DruidWatchSystemd
import DruidWatchCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The agent's clock: collects at every multiple of the collection interval plus this
/// host's stable phase (wall-clock aligned, spread across a fleet), publishes each period
/// once it is over, and on graceful shutdown (SIGTERM) collects and publishes what the
/// current period holds before returning.
public struct AgentService: Service {
    public var pipeline: AgentPipeline
    public var collectionInterval: Duration
    public var clock: any WallClock
    public var notifier: any ServiceManagerNotifier
    public var logger: Logger
    /// Stop by itself after publishing this many periods (demo and tests); nil runs until shut down.
    public var periodLimit: Int?
    /// This host's offset within the interval (`FleetPhase`): ticks fall at multiples of
    /// the interval plus this, so a fleet spreads its API calls over the interval.
    public var phase: Duration

    public init(
        pipeline: AgentPipeline,
        collectionInterval: Duration,
        clock: any WallClock = SystemWallClock(),
        notifier: any ServiceManagerNotifier = SilentNotifier(),
        logger: Logger,
        periodLimit: Int? = nil,
        phase: Duration = .zero
    ) {
        self.pipeline = pipeline
        self.collectionInterval = collectionInterval
        self.clock = clock
        self.notifier = notifier
        self.logger = logger
        self.periodLimit = periodLimit
        self.phase = phase
    }

    public func run() async throws {
        let stallLimit = collectionInterval * 2 + .seconds(120)
        try await Heartbeat.runWatched(notifier: notifier, stallLimit: stallLimit) { heartbeat in
            await runLoop(heartbeat: heartbeat)
        }
    }

    private func runLoop(heartbeat: Heartbeat) async {
        let intervalSeconds = Double(collectionInterval.components.seconds) + Double(collectionInterval.components.attoseconds) / 1e18
        let phaseSeconds = (Double(phase.components.seconds) + Double(phase.components.attoseconds) / 1e18).truncatingRemainder(dividingBy: intervalSeconds)
        let first = await pipeline.collect(at: clock.now())
        heartbeat.beat()
        notifier.ready(status: "collecting: \(first) samples in the first reading")
        logger.info("agent collecting", metadata: ["interval": "\(collectionInterval)", "period": "\(pipeline.settings.periodSeconds)s", "namespace": "\(pipeline.settings.namespace)"])

        var periodsPublished = 0
        var lastTick = clock.now()
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let now = clock.now().timeIntervalSince1970
            let nextTick = ((now - phaseSeconds) / intervalSeconds).rounded(.down) * intervalSeconds + intervalSeconds + phaseSeconds
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(for: .milliseconds(Int64(max(0, nextTick - now) * 1000)))
                }
            } catch {
                break
            }
            // Sleeping can end a hair before the wall-clock tick; stamping that reading
            // just before the boundary would hold a finished period back a whole interval.
            let tick = max(clock.now(), Date(timeIntervalSince1970: nextTick))
            if tick < lastTick.addingTimeInterval(-1) {
                logger.warning("the wall clock went back; publishing what was held and taking readings for the repeated time", metadata: [
                    "by": "\(Int(lastTick.timeIntervalSince(tick)))s",
                ])
                _ = await pipeline.clockSteppedBack(to: tick)
            }
            lastTick = tick
            await pipeline.collect(at: tick)
            let report = await pipeline.flushCompleted(asOf: tick)
            heartbeat.beat()
            if report.published + report.droppedTotal > 0 {
                periodsPublished += 1
                notifier.status(Self.statusLine(report, totals: await pipeline.totals))
                logPublished(report)
                if let periodLimit, periodsPublished >= periodLimit { break }
            }
        }

        notifier.stopping(status: "stopping: publishing the current period")
        if Task.isShuttingDownGracefully || periodLimit == nil {
            // SIGTERM: what was collected in the unfinished period must not be lost.
            await pipeline.collect(at: clock.now())
            let report = await pipeline.flushAll()
            if report.published + report.droppedTotal > 0 { logPublished(report) }
        }
        let totals = await pipeline.totals
        logger.info("agent stopped", metadata: [
            "published": "\(totals.datumsPublished)", "dropped": "\(totals.datumsDropped)", "requests": "\(totals.requests)",
        ])
    }

    private func logPublished(_ report: PublishReport) {
        var metadata: Logger.Metadata = ["published": "\(report.published)", "requests": "\(report.requests)"]
        for (reason, count) in report.dropped { metadata["dropped_\(reason.rawValue)"] = "\(count)" }
        if report.droppedTotal > 0 {
            logger.warning("period published with drops", metadata: metadata)
        } else {
            logger.info("period published", metadata: metadata)
        }
    }

    static func statusLine(_ report: PublishReport, totals: AgentTotals) -> String {
        "last period: \(report.published) datums published, \(report.droppedTotal) dropped; since start: \(totals.datumsPublished) published, \(totals.datumsDropped) dropped"
    }
}
