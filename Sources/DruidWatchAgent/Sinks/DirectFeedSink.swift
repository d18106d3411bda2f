import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import Synchronization

/// Posts the agent's datums to the evaluator's direct feed (`direct_feed.url`), so that
/// rules on agent metrics need no GetMetricData. Best effort: one attempt per post with a
/// short timeout, never retried (CloudWatch has the same datums).
public struct DirectFeedSink: Sendable {
    public var url: String
    public var token: DirectFeedToken
    public var periodSeconds: Int
    public var http: any HTTPClient
    public var timeout: Duration
    public var logger: Logger

    public init(url: String, token: DirectFeedToken, periodSeconds: Int, http: any HTTPClient, timeout: Duration = .seconds(5), logger: Logger) {
        self.url = url
        self.token = token
        self.periodSeconds = periodSeconds
        self.http = http
        self.timeout = timeout
        self.logger = logger
    }

    /// What became of one publish's posts.
    public struct Outcome: Sendable, Hashable {
        public var posted = 0
        public var failed = 0
        public var datums = 0
    }

    public func post(namespace: String, datums: [MetricDatum]) async -> Outcome {
        var outcome = Outcome()
        for batch in DirectFeedBatch.batches(namespace: namespace, datums: datums, periodSeconds: periodSeconds) {
            let body: Data
            do {
                body = try batch.encoded()
            } catch {
                outcome.failed += 1
                continue
            }
            let request = HTTPRequest(
                method: .post, url: url,
                headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Authorization", token.authorizationHeader)],
                body: body, connectTimeout: min(timeout, .seconds(2)), totalTimeout: timeout, maximumResponseBytes: 64 << 10
            )
            do {
                let response = try await http.execute(request)
                if response.status == 202 || response.isSuccess {
                    outcome.posted += 1
                    outcome.datums += batch.datums.count
                } else {
                    outcome.failed += 1
                    logger.info("the evaluator refused a direct feed post; CloudWatch still has the datums", metadata: [
                        "status": "\(response.status)", "answer": "\(String(decoding: response.body.prefix(300), as: UTF8.self))",
                    ])
                }
            } catch {
                outcome.failed += 1
                logger.info("the direct feed post failed; CloudWatch still has the datums", metadata: ["error": "\(error)"])
            }
        }
        return outcome
    }
}

/// A sink that publishes to its primary (CloudWatch, through the spool) and also hands the
/// same datums to the direct feed, without waiting for it: the feed can neither delay nor
/// drop what goes to CloudWatch. At most `maximumInFlight` feed publishes run at once;
/// beyond that a period's feed is skipped and counted.
public final class FeedingSink: MetricSink {
    public let primary: any MetricSink
    public let feed: DirectFeedSink
    public let maximumInFlight: Int
    private let counters = Mutex(Counters())

    public struct Counters: Sendable, Hashable {
        public var inFlight = 0
        public var posted = 0
        public var failed = 0
        public var skipped = 0
        public var datums = 0
    }

    public init(primary: any MetricSink, feed: DirectFeedSink, maximumInFlight: Int = 2) {
        self.primary = primary
        self.feed = feed
        self.maximumInFlight = max(1, maximumInFlight)
    }

    public var statistics: Counters { counters.withLock { $0 } }

    public func publish(namespace: String, datums: [MetricDatum]) async -> PublishReport {
        startFeed(namespace: namespace, datums: datums)
        return await primary.publish(namespace: namespace, datums: datums)
    }

    private func startFeed(namespace: String, datums: [MetricDatum]) {
        guard !datums.isEmpty else { return }
        let started = counters.withLock { counters in
            guard counters.inFlight < maximumInFlight else {
                counters.skipped += 1
                return false
            }
            counters.inFlight += 1
            return true
        }
        guard started else {
            feed.logger.info("direct feed still busy with earlier periods; this one goes through CloudWatch only")
            return
        }
        Task { [self] in
            let outcome = await feed.post(namespace: namespace, datums: datums)
            counters.withLock {
                $0.inFlight -= 1
                $0.posted += outcome.posted
                $0.failed += outcome.failed
                $0.datums += outcome.datums
            }
        }
    }
}
