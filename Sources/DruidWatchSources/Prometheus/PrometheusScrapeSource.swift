import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import Synchronization

/// Scrapes Prometheus exporters: Druid processes running the prometheus-emitter with
/// strategy `exporter` (text format on `druid.emitter.prometheus.port`, path
/// `/metrics`), or any other exporter. Every target is scraped concurrently on each
/// collection; `PrometheusDeltas` turns the scrapes into samples (counter increases
/// per interval, gauges as they are, Druid names where the catalog knows them).
///
/// A target that cannot be scraped or whose body cannot be read is logged (once when
/// it starts failing, at debug level while it keeps failing) and skipped; the others
/// are kept. The collection throws only when every target failed.
public final class PrometheusScrapeSource: MetricSource {
    public struct Options: Sendable {
        /// Full URLs, e.g. `http://127.0.0.1:9091/metrics`.
        public var targets: [String]
        /// For the whole exchange with one target, connection included.
        public var timeout: Duration
        /// Bodies above this are abandoned. Druid's emitter exposes ~320 families;
        /// each histogram has 16 lines per label set.
        public var maximumBodyBytes: Int
        /// The prometheus-emitter's `druid.emitter.prometheus.namespace`.
        public var namespace: String
        /// Whether metrics outside the catalog are published (under their Prometheus
        /// name, with their labels as dimensions) or dropped. Off by default: a
        /// generic exporter exposes hundreds of series, each a billed CloudWatch metric.
        public var keepUnknown: Bool
        /// When set, every sample gets a dimension of this name whose value is the
        /// target URL. Off by default: one more dimension multiplies the metric count.
        public var targetDimension: String?
        /// Counter series remembered across scrapes, over all targets.
        public var maximumSeries: Int
        public var catalog: MetricCatalog
        public var logger: Logger

        public init(
            targets: [String],
            timeout: Duration = .seconds(10),
            maximumBodyBytes: Int = 32 << 20,
            namespace: String = "druid",
            keepUnknown: Bool = false,
            targetDimension: String? = nil,
            maximumSeries: Int = 50_000,
            catalog: MetricCatalog = .druidStandard,
            logger: Logger = Logger(label: "druidwatch.source.prometheus")
        ) {
            self.targets = targets
            self.timeout = timeout
            self.maximumBodyBytes = maximumBodyBytes
            self.namespace = namespace
            self.keepUnknown = keepUnknown
            self.targetDimension = targetDimension
            self.maximumSeries = maximumSeries
            self.catalog = catalog
            self.logger = logger
        }
    }

    /// Why a target yielded nothing.
    public enum ScrapeError: Error, Sendable, CustomStringConvertible {
        case transport(HTTPClientError)
        case status(Int)
        case body(PrometheusParseError)
        /// Every target failed; the first failure of each, by target.
        case allTargetsFailed([String: String])
        case noTargets

        public var description: String {
            switch self {
            case let .transport(error): error.description
            case let .status(status): "HTTP status \(status)"
            case let .body(error): error.description
            case let .allTargetsFailed(failures):
                "no Prometheus target could be scraped: " + failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
            case .noTargets: "no Prometheus target configured"
            }
        }
    }

    /// What one target yielded.
    public struct Scrape: Sendable {
        public var target: String
        public var result: Result<PrometheusParseResult, ScrapeError>
    }

    public let name = "prometheus"
    public let options: Options
    private let httpClient: any HTTPClient
    private let parser: PrometheusTextParser
    private let memory: Mutex<Memory>

    private struct Memory {
        var deltas: PrometheusDeltas
        /// Targets whose last scrape failed, to log a failure once when it starts.
        var failing: Set<String> = []
    }

    /// `httpClient` performs the scrapes; the agent's one `CurlHTTPClient`.
    public init(options: Options, httpClient: any HTTPClient) {
        self.options = options
        self.httpClient = httpClient
        self.parser = PrometheusTextParser(limits: .init(maximumBodyBytes: options.maximumBodyBytes))
        self.memory = Mutex(Memory(deltas: PrometheusDeltas(options: .init(
            catalog: options.catalog,
            namespace: options.namespace,
            unknownMetrics: options.keepUnknown ? .keep : .drop,
            maximumSeries: options.maximumSeries
        ))))
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        guard !options.targets.isEmpty else { throw ScrapeError.noTargets }
        let scrapes = await scrapeAll()
        var samples: [Sample] = []
        var failures: [String: String] = [:]
        for scrape in scrapes {
            switch scrape.result {
            case let .success(parsed):
                let extra = options.targetDimension.map { [MetricDimension($0, scrape.target)] } ?? []
                let (conversion, recovered) = memory.withLock { memory in
                    (memory.deltas.samples(from: parsed.families, target: scrape.target, dimensions: extra, at: timestamp),
                     memory.failing.remove(scrape.target) != nil)
                }
                samples += conversion.samples
                log(success: parsed, conversion, target: scrape.target, recovered: recovered)
            case let .failure(error):
                failures[scrape.target] = error.description
                let started = memory.withLock { $0.failing.insert(scrape.target).inserted }
                options.logger.log(level: started ? .warning : .debug, "Prometheus target cannot be scraped", metadata: [
                    "target": "\(scrape.target)", "reason": "\(error)",
                ])
            }
        }
        if failures.count == scrapes.count {
            throw ScrapeError.allTargetsFailed(failures)
        }
        return samples
    }

    /// One scrape of every target, concurrently, in the order of `options.targets`.
    public func scrapeAll() async -> [Scrape] {
        await withTaskGroup(of: (Int, Scrape).self) { group in
            for (index, target) in options.targets.enumerated() {
                group.addTask { (index, Scrape(target: target, result: await self.scrape(target))) }
            }
            var scrapes: [Scrape?] = Array(repeating: nil, count: options.targets.count)
            for await (index, scrape) in group { scrapes[index] = scrape }
            return scrapes.compactMap { $0 }
        }
    }

    private func scrape(_ url: String) async -> Result<PrometheusParseResult, ScrapeError> {
        let request = HTTPRequest(
            method: .get,
            url: url,
            // The text format: client_java and client_golang answer OpenMetrics or
            // protobuf only when asked for them.
            headers: [HTTPHeader("Accept", "text/plain; version=0.0.4")],
            connectTimeout: min(options.timeout, .seconds(5)),
            totalTimeout: options.timeout,
            maximumResponseBytes: options.maximumBodyBytes
        )
        let response: HTTPResponse
        do {
            response = try await httpClient.execute(request)
        } catch {
            return .failure(.transport(error))
        }
        guard response.isSuccess else { return .failure(.status(response.status)) }
        do {
            return .success(try parser.parse(response.body))
        } catch {
            return .failure(.body(error))
        }
    }

    private func log(success parsed: PrometheusParseResult, _ conversion: PrometheusConversion, target: String, recovered: Bool) {
        let logger = options.logger
        if recovered {
            logger.info("Prometheus target scraped again", metadata: ["target": "\(target)"])
        }
        if parsed.skippedLines > 0 {
            logger.debug("Prometheus lines skipped", metadata: [
                "target": "\(target)",
                "count": "\(parsed.skippedLines)",
                "first": "\(parsed.problems.prefix(3).map(\.description).joined(separator: "; "))",
            ])
        }
        if conversion.untrackedSeries > 0 || conversion.forgottenSeries > 0 {
            logger.warning("Prometheus series beyond the limit are not tracked", metadata: [
                "target": "\(target)",
                "untracked": "\(conversion.untrackedSeries)",
                "forgotten": "\(conversion.forgottenSeries)",
                "limit": "\(options.maximumSeries)",
            ])
        }
        if conversion.counterResets > 0 {
            logger.info("Prometheus counters reset (the exporter restarted)", metadata: [
                "target": "\(target)", "count": "\(conversion.counterResets)",
            ])
        }
        let dropped = conversion.nonFiniteValues + conversion.negativeCounterValues + conversion.duplicateSeries
        if dropped > 0 {
            logger.debug("Prometheus values dropped", metadata: [
                "target": "\(target)",
                "non_finite": "\(conversion.nonFiniteValues)",
                "negative_counters": "\(conversion.negativeCounterValues)",
                "duplicates": "\(conversion.duplicateSeries)",
            ])
        }
    }
}
