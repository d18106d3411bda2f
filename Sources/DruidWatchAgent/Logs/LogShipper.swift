import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchStorage
import Foundation
import Logging
import ServiceLifecycle

/// Ships the Druid log files and Druid's alerts to CloudWatch Logs.
///
/// Every cycle (`flush_interval`):
/// 1. new lines are read from the files and joined into events; queued alerts become
///    JSON events;
/// 2. the events are cut into PutLogEvents batches per group and stream and each batch
///    is written durably to the spool;
/// 3. the checkpoint (the files' positions and the last spool file) is written
///    atomically: the commit point. A crash before it leaves spool files that a restart
///    deletes and reads again from the files; after it, the positions cover them. So a
///    restart neither sends twice nor skips.
/// 4. spooled batches are sent, oldest first; a batch leaves the spool once CloudWatch
///    Logs took it or refused it for good. While AWS is unreachable or throttling, the
///    spool grows (bounded by size and age, drops counted) and sending backs off.
public actor LogShipper: Service {
    public struct Settings: Sendable {
        public var group: LogNameTemplate
        public var stream: LogNameTemplate
        /// Where alerts go; nil when they are not shipped.
        public var alerts: (group: LogNameTemplate, stream: LogNameTemplate)?
        /// `cluster`, `instance_id`, `host`, `auto_scaling_group`; `service` is the file's.
        public var names: [String: String]
        public var retentionDays: Int?
        public var flushInterval: Duration
        public var multilineTimeout: Duration
        public var checkpointFile: URL
        /// Spooled batches sent per cycle at most, so that working off a backlog never
        /// keeps a cycle (and the new lines behind it) waiting for long.
        public var maximumBatchesPerCycle = 100
        public var retry = RetryPolicy(maximumAttempts: 1, baseDelay: .seconds(5), maximumDelay: .seconds(300))

        public init(
            group: LogNameTemplate, stream: LogNameTemplate, alerts: (group: LogNameTemplate, stream: LogNameTemplate)?, names: [String: String],
            retentionDays: Int?, flushInterval: Duration, multilineTimeout: Duration, checkpointFile: URL
        ) {
            self.group = group
            self.stream = stream
            self.alerts = alerts
            self.names = names
            self.retentionDays = retentionDays
            self.flushInterval = flushInterval
            self.multilineTimeout = multilineTimeout
            self.checkpointFile = checkpointFile
        }
    }

    public let settings: Settings
    private let tailer: LogFileTailer
    private let spool: LogSpool
    private let client: CloudWatchLogsClient
    private let alertQueue: AlertLogQueue?
    private let inbox: AggregationInbox?
    private let clock: any WallClock
    private let logger: Logger
    private var knownStreams: Set<String> = []
    private var lastCheckpoint: TailCheckpoint?
    private var figures = LogShippingFigures()
    private var published = LogShippingFigures()
    private var spoolStatisticsSeen = SpoolStatistics()
    private var consecutiveFailures = 0
    private var nextDeliveryAttempt: Date = .distantPast

    public init(
        settings: Settings, files: [LogsConfigFilePattern], spool: LogSpool, client: CloudWatchLogsClient, alertQueue: AlertLogQueue?,
        inbox: AggregationInbox?, timeZone: TimeZone = TimeZone(identifier: "UTC")!, clock: any WallClock = SystemWallClock(), logger: Logger
    ) {
        self.settings = settings
        self.spool = spool
        self.client = client
        self.alertQueue = alertQueue
        self.inbox = inbox
        self.clock = clock
        self.logger = logger
        let checkpoint = Self.loadCheckpoint(settings.checkpointFile, spool: spool, logger: logger)
        lastCheckpoint = checkpoint
        tailer = LogFileTailer(
            patterns: files.map { LogFileTailer.Pattern(file: $0.file, rule: $0.rule) },
            checkpoint: checkpoint ?? TailCheckpoint(),
            utcOffset: { localSeconds in timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(localSeconds))) },
            logger: logger
        )
    }

    public var shippingFigures: LogShippingFigures { figures }

    public func run() async throws {
        logger.info("shipping logs to CloudWatch Logs", metadata: [
            "group": "\(settings.group)", "stream": "\(settings.stream)", "files": "\(tailer.patterns.map(\.file.path))",
            "alerts": "\(settings.alerts.map { "\($0.group) / \($0.stream)" } ?? "off")",
        ])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await cycle()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.settings.flushInterval) }
            } catch {
                break
            }
        }
        // What was written since the last cycle goes to the spool and the checkpoint;
        // one last delivery unless AWS was failing (then the next start sends it).
        await cycle(deliver: clock.now() >= nextDeliveryAttempt)
    }

    /// One read–spool–commit–send round.
    public func cycle(deliver: Bool = true) async {
        let now = clock.now()
        let nowMilliseconds = Int64((now.timeIntervalSince1970 * 1_000).rounded(.down))
        let idle = Int64(settings.multilineTimeout.components.seconds * 1_000)
        let poll = tailer.poll(now: nowMilliseconds, idle: idle)
        figures.linesRead += poll.linesRead
        figures.eventsRead += poll.events.count
        figures.truncations += poll.truncations

        var streams: [StreamKey: [CloudWatchLogEvent]] = [:]
        for item in poll.events {
            var names = settings.names
            names["service"] = item.service
            streams[StreamKey(group: settings.group.name(names), stream: settings.stream.name(names)), default: []].append(item.event.logEvent)
        }
        if let alertQueue {
            let (alerts, dropped) = alertQueue.take()
            if dropped > 0 { figures.eventsDropped["alert_queue_full", default: 0] += dropped }
            if let target = settings.alerts, !alerts.isEmpty {
                figures.alertsRead += alerts.count
                var names = settings.names
                names["service"] = "alerts"
                let key = StreamKey(group: target.group.name(names), stream: target.stream.name(names))
                streams[key, default: []] += alerts.map { alert in
                    CloudWatchLogEvent(timestamp: alert.timestamp.map { Int64(($0 * 1_000).rounded()) } ?? nowMilliseconds, message: DruidAlertLogRecord.json(alert))
                }
            }
        }

        var unspooled: [LogSpoolRecord] = []
        for key in streams.keys.sorted() {
            for batch in LogEventBatcher.batches(streams[key] ?? []) {
                let record = LogSpoolRecord(group: key.group, stream: key.stream, events: batch)
                do {
                    spool.release(try spool.write(record, now: now))
                } catch {
                    logger.error("log spool: cannot write a batch; sending it straight away", metadata: ["error": "\(error)", "events": "\(batch.count)"])
                    unspooled.append(record)
                }
            }
        }
        commit()
        countSpoolDrops()

        for record in unspooled {
            if await send(record) == .retryLater {
                figures.eventsDropped["spool_unavailable", default: 0] += record.events.count
            }
        }
        if deliver, clock.now() >= nextDeliveryAttempt { await deliverSpooled() }
        publishFigures(at: now)
    }

    // MARK: - Commit

    private func commit() {
        let checkpoint = TailCheckpoint(committedSpoolSequence: spool.lastSequence, files: tailer.positions)
        guard checkpoint != lastCheckpoint else { return }
        do {
            try DurableFile.write(checkpoint.encoded(), to: settings.checkpointFile, permissions: 0o640)
            lastCheckpoint = checkpoint
        } catch {
            logger.error("cannot write the log checkpoint; a restart may send some events again", metadata: ["file": "\(settings.checkpointFile.path)", "error": "\(error)"])
        }
    }

    /// The checkpoint of the last run, with the spool settled against it; nil when there
    /// is none (first start) or it cannot be read.
    private static func loadCheckpoint(_ url: URL, spool: LogSpool, logger: Logger) -> TailCheckpoint? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        do {
            let checkpoint = try TailCheckpoint.decode(data)
            spool.discardUncommitted(after: checkpoint.committedSpoolSequence)
            return checkpoint
        } catch {
            logger.error("log checkpoint unreadable; following the files from their end", metadata: ["file": "\(url.path)", "error": "\(error)"])
            return nil
        }
    }

    // MARK: - Delivery

    private enum SendResult: Equatable {
        case settled
        case retryLater
    }

    private func deliverSpooled() async {
        var sent = 0
        while sent < settings.maximumBatchesPerCycle {
            let entries = spool.claimOldest(min(16, settings.maximumBatchesPerCycle - sent), now: clock.now())
            guard !entries.isEmpty else { return }
            for (index, entry) in entries.enumerated() {
                guard let record = spool.read(entry) else { continue }
                if await send(record) == .retryLater {
                    for unsent in entries[index...] { spool.release(unsent) }
                    return
                }
                spool.remove(entry)
                sent += 1
            }
        }
    }

    private func send(_ record: LogSpoolRecord) async -> SendResult {
        let key = StreamKey(group: record.group, stream: record.stream)
        do {
            if !knownStreams.contains(key.description) {
                try await client.ensureStream(group: record.group, stream: record.stream, retentionDays: settings.retentionDays)
                knownStreams.insert(key.description)
            }
            let rejected = try await client.putLogEvents(group: record.group, stream: record.stream, events: record.events)
            delivered(record, rejected: rejected)
            return .settled
        } catch let .service(error) where error.code == "ResourceNotFoundException" {
            // The group or stream was deleted since it was made: make it again next time.
            knownStreams.remove(key.description)
            return failed(.service(error), record: record)
        } catch {
            return failed(error, record: record)
        }
    }

    private func delivered(_ record: LogSpoolRecord, rejected: CloudWatchLogsClient.Rejected?) {
        consecutiveFailures = 0
        nextDeliveryAttempt = .distantPast
        let setAside = rejected?.countsByReason(of: record.events.count) ?? [:]
        let setAsideTotal = setAside.values.reduce(0, +)
        figures.batchesSent += 1
        figures.eventsSent += record.events.count - setAsideTotal
        guard setAsideTotal > 0 else { return }
        figures.eventsDropped.merge(setAside, uniquingKeysWith: +)
        logger.warning("CloudWatch Logs set events aside", metadata: ["group": "\(record.group)", "stream": "\(record.stream)", "events": "\(setAsideTotal)"])
    }

    private func failed(_ error: AWSCallError, record: LogSpoolRecord) -> SendResult {
        figures.callFailures[error.outcome, default: 0] += 1
        if Self.passes(error) {
            consecutiveFailures += 1
            var generator = SystemRandomNumberGenerator()
            let wait = settings.retry.delay(beforeRetry: consecutiveFailures, using: &generator)
            nextDeliveryAttempt = clock.now().addingTimeInterval(Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            logger.warning("CloudWatch Logs unavailable; events stay in the spool", metadata: [
                "error": "\(error)", "outcome": "\(error.outcome)", "retry_in": "\(wait)", "spooled_batches": "\(spool.entries.count)",
            ])
            return .retryLater
        }
        figures.eventsDropped["rejected", default: 0] += record.events.count
        logger.error("CloudWatch Logs refused a batch; dropping it", metadata: [
            "group": "\(record.group)", "stream": "\(record.stream)", "events": "\(record.events.count)", "error": "\(error)",
        ])
        return .settled
    }

    /// Failures that time or an operator mends (the network, throttling, AWS's own
    /// errors, credentials, permissions): the batch is kept. Others refuse the batch itself.
    private static func passes(_ error: AWSCallError) -> Bool {
        switch error {
        case .transport, .credentials: true
        case let .service(serviceError): serviceError.isRetryable || serviceError.isAboutTheCaller || serviceError.code == "ResourceNotFoundException"
        case .malformedResponse: false
        }
    }

    // MARK: - Self-metrics

    private func countSpoolDrops() {
        let statistics = spool.statistics
        figures.eventsDropped["spool_full", default: 0] += statistics.itemsDroppedForSize - spoolStatisticsSeen.itemsDroppedForSize
        figures.eventsDropped["spool_expired", default: 0] += statistics.itemsDroppedForAge - spoolStatisticsSeen.itemsDroppedForAge
        figures.eventsDropped["disk_full", default: 0] += statistics.itemsDroppedForDiskFull - spoolStatisticsSeen.itemsDroppedForDiskFull
        figures.eventsDropped = figures.eventsDropped.filter { $0.value > 0 }
        spoolStatisticsSeen = statistics
    }

    /// `druidwatch/logs/*` into the agent's aggregate: counters as they grew since the
    /// last cycle, the spool and how far behind each file the reading is as gauges.
    private func publishFigures(at now: Date) {
        guard let inbox else { return }
        var samples: [Sample] = []
        func counter(_ name: String, _ value: Int, _ seen: Int, _ dimensions: [MetricDimension] = []) {
            guard value > seen else { return }
            samples.append(Sample(name: name, dimensions: dimensions, value: Double(value - seen), unit: .count, kind: .counter, timestamp: now))
        }
        counter("druidwatch/logs/lines_read", figures.linesRead, published.linesRead)
        counter("druidwatch/logs/events_sent", figures.eventsSent, published.eventsSent)
        for (reason, count) in figures.eventsDropped {
            counter("druidwatch/logs/events_dropped", count, published.eventsDropped[reason] ?? 0, [MetricDimension("Reason", reason)])
        }
        for (outcome, count) in figures.callFailures {
            counter("druidwatch/logs/call_failures", count, published.callFailures[outcome] ?? 0, [MetricDimension("Outcome", outcome)])
        }
        for (path, behind) in tailer.bytesBehind {
            samples.append(Sample(name: "druidwatch/logs/bytes_behind", dimensions: [MetricDimension("File", path)], value: Double(behind), unit: .bytes, kind: .gauge, timestamp: now))
        }
        samples.append(Sample(name: "druidwatch/logs/spool_bytes", value: Double(spool.totalBytes), unit: .bytes, kind: .gauge, timestamp: now))
        published = figures
        inbox.add(samples)
    }
}

/// A group and stream, the unit PutLogEvents writes to.
struct StreamKey: Hashable, Comparable, CustomStringConvertible {
    var group: String
    var stream: String

    var description: String { "\(group)\u{0}\(stream)" }

    static func < (lhs: StreamKey, rhs: StreamKey) -> Bool { (lhs.group, lhs.stream) < (rhs.group, rhs.stream) }
}

/// A `logs.files` entry with its compiled multiline rule.
public struct LogsConfigFilePattern: Sendable {
    public var file: LogsConfig.File
    public var rule: LineStartRule

    public init(file: LogsConfig.File, rule: LineStartRule) {
        self.file = file
        self.rule = rule
    }
}
