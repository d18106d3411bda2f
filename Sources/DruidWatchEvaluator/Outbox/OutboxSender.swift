import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Publishes what the ``NotificationOutbox`` holds, oldest first, as a service of the
/// evaluator's service group.
///
/// Publishes are paced by a token bucket (by default 5 a second with bursts of 5, so
/// that no second sees more than 10: SNS deactivates e-mail subscriptions of an account
/// that exceeds 10 e-mails a second). A publish that fails in a way that passes is
/// retried after a capped exponential backoff with full jitter, for as long as it takes,
/// since the outbox keeps it on disk; one SNS refuses for good
/// (``AWSCallError/isPermanentPublishFailure``) is set aside at once.
///
/// On graceful shutdown (SIGTERM) the publish in flight completes, nothing new starts and
/// no retry waits: the rest is on disk for the next start.
public final class OutboxSender: Service, Sendable {
    public struct Options: Sendable {
        public var publishesPerSecond: Double
        public var burst: Int
        /// Only the delays are used: failures that pass are retried without limit.
        public var backoff: RetryPolicy
        /// How often an idle sender looks for new notifications.
        public var idlePollInterval: Duration

        public init(
            publishesPerSecond: Double = 5, burst: Int = 5,
            backoff: RetryPolicy = RetryPolicy(baseDelay: .seconds(1), maximumDelay: .seconds(300)),
            idlePollInterval: Duration = .seconds(1)
        ) {
            self.publishesPerSecond = publishesPerSecond
            self.burst = burst
            self.backoff = backoff
            self.idlePollInterval = idlePollInterval
        }
    }

    public let outbox: NotificationOutbox
    public let publisher: any NotificationPublisher
    public let options: Options
    private let clock: any WallClock
    private let sleeper: any Sleeper
    private let jitter: @Sendable (Duration) -> Duration
    private let logger: Logger
    private let bucket: Mutex<TokenBucket>

    /// `jitter` picks the actual wait below a backoff ceiling; tests pass one that
    /// answers the ceiling itself, to be deterministic.
    public init(
        outbox: NotificationOutbox,
        publisher: any NotificationPublisher,
        options: Options = Options(),
        clock: any WallClock = SystemWallClock(),
        sleeper: any Sleeper = TaskSleeper(),
        jitter: @escaping @Sendable (Duration) -> Duration = OutboxSender.fullJitter,
        logger: Logger
    ) {
        self.outbox = outbox
        self.publisher = publisher
        self.options = options
        self.clock = clock
        self.sleeper = sleeper
        self.jitter = jitter
        self.logger = logger
        self.bucket = Mutex(TokenBucket(ratePerSecond: options.publishesPerSecond, burst: options.burst))
    }

    /// ``RetryPolicy/fullJitter(below:using:)`` with the system's generator.
    public static let fullJitter: @Sendable (Duration) -> Duration = { ceiling in
        var generator = SystemRandomNumberGenerator()
        return RetryPolicy.fullJitter(below: ceiling, using: &generator)
    }

    public func run() async throws {
        logger.info("outbox sender started", metadata: ["pending": "\(outbox.count)", "publishesPerSecond": "\(options.publishesPerSecond)"])
        while !Self.isStopping {
            let report = await sendDue()
            if report.interrupted { break }
            guard await pause(untilNextAttemptOr: options.idlePollInterval) else { break }
        }
        logger.info("outbox sender stopped", metadata: ["pending": "\(outbox.count)"])
    }

    /// One pass: publishes every notification due now, oldest first, at the paced rate.
    public func sendDue() async -> OutboxSendReport {
        var report = OutboxSendReport()
        for publish in outbox.due(now: clock.now()) {
            guard !Self.isStopping, await takeToken() else {
                report.interrupted = true
                break
            }
            do throws(AWSCallError) {
                let messageId = try await publisher.publish(topicARN: publish.topicARN, subject: publish.subject, message: publish.message, structure: publish.structure)
                outbox.markSent(publish.id)
                report.sent += 1
                logger.info("notification published", metadata: [
                    "id": "\(publish.id)", "topic": "\(publish.topicARN)", "messageId": "\(messageId)", "attempts": "\(publish.attempts + 1)",
                ])
            } catch where error.isPermanentPublishFailure {
                outbox.markUndeliverable(publish.id, error: error.description)
                report.undeliverable += 1
            } catch {
                let attempts = publish.attempts + 1
                let wait = jitter(options.backoff.delayCeiling(beforeRetry: attempts))
                let retryAt = clock.now().addingTimeInterval(Self.seconds(wait))
                outbox.markFailed(publish.id, error: error.description, retryAt: retryAt)
                report.deferred += 1
                logger.warning("notification not published; will retry", metadata: [
                    "id": "\(publish.id)", "error": "\(error)", "outcome": "\(error.outcome)", "attempts": "\(attempts)", "retryIn": "\(wait)",
                ])
            }
        }
        return report
    }

    /// Waits for the rate limit; false when a shutdown came first.
    private func takeToken() async -> Bool {
        while true {
            let wait = bucket.withLock { $0.take(at: clock.now()) }
            if wait == .zero { return true }
            guard await pause(for: wait) else { return false }
        }
    }

    /// Sleeps until the earliest pending attempt is due, at most `limit`.
    private func pause(untilNextAttemptOr limit: Duration) async -> Bool {
        var wait = limit
        if let earliest = outbox.earliestAttempt {
            let untilDue = max(0, earliest.timeIntervalSince(clock.now()))
            // Whole milliseconds: `Date` resolves about a tenth of a microsecond, and a
            // wait of a few nanoseconds would not move a virtual clock at all.
            wait = min(limit, .milliseconds(Int64((untilDue * 1e3).rounded(.up))))
        }
        return await pause(for: wait)
    }

    /// False when the sleep ended for a shutdown or cancellation.
    private func pause(for duration: Duration) async -> Bool {
        let sleeper = self.sleeper
        do {
            try await cancelWhenGracefulShutdown { try await sleeper.sleep(for: duration) }
        } catch {
            return false
        }
        return !Self.isStopping
    }

    private static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
