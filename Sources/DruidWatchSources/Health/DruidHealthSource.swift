import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging
import Synchronization

/// Probes Druid services over HTTP: `/status/health` on each, leadership on
/// coordinators and overlords, load status on brokers, historicals and the leading
/// coordinator. All probes of all services run concurrently, each bounded by
/// `timeout`, so one collection takes about one timeout at worst.
///
/// Never throws and never goes silent: a service that does not answer reports
/// `druid/health/up 0` (and `leader`/`ready` 0) in the same collection.
public final class DruidHealthSource: MetricSource {
    public struct Options: Sendable {
        /// Services to probe. They replace discovered services of the same kind.
        public var services: [DruidHealthTarget]
        /// Finds the local Druid processes on each collection; nil to probe only `services`.
        public var discovery: DruidProcessDiscovery?
        public var connectTimeout: Duration
        /// For a whole probe, connection included.
        public var timeout: Duration
        /// The system account for the endpoints other than `/status/health`; nil when
        /// the cluster has no authentication.
        public var credentials: (any DruidCredentialProvider)?
        public var maximumResponseBytes: Int
        public var logger: Logger

        public init(
            services: [DruidHealthTarget] = [],
            discovery: DruidProcessDiscovery? = nil,
            connectTimeout: Duration = .seconds(2),
            timeout: Duration = .seconds(5),
            credentials: (any DruidCredentialProvider)? = nil,
            maximumResponseBytes: Int = 4 << 20,
            logger: Logger = Logger(label: "druidwatch.source.druid_health")
        ) {
            self.services = services
            self.discovery = discovery
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.credentials = credentials
            self.maximumResponseBytes = maximumResponseBytes
            self.logger = logger
        }
    }

    public let name = "druid_health"
    public let options: Options
    private let httpClient: any HTTPClient
    /// Per target, whether it was up at the last collection, to log changes once.
    private let lastUp = Mutex<[DruidHealthTarget: Bool]>([:])

    public init(options: Options, httpClient: any HTTPClient) {
        self.options = options
        self.httpClient = httpClient
    }

    /// The services probed at this moment: the configured ones merged with what
    /// discovery finds now.
    public func targets() -> [DruidHealthTarget] {
        let discovered = options.discovery?.discover() ?? []
        return DruidHealthTarget.merge(configured: options.services, discovered: discovered)
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        let targets = targets()
        guard !targets.isEmpty else {
            options.logger.debug("no Druid services to probe")
            return []
        }
        var credentials = await currentCredentials()
        var outcomes = await probeAll(targets, credentials: credentials)

        // A 401 may mean the password was rotated: fetch the secret again (the provider
        // limits how often) and repeat just those probes once.
        let rejected = outcomes.indices.filter { outcomes[$0].outcome.status == 401 && outcomes[$0].probe.needsAuthentication }
        // Without credentials at all (the secret could not be read) a 401 is expected,
        // and asking the provider again in the same collection would only repeat the failure.
        if !rejected.isEmpty, credentials != nil, let provider = options.credentials {
            await provider.credentialsRejected()
            let fresh = await currentCredentials()
            if fresh != nil, fresh != credentials {
                credentials = fresh
                let retried = await probe(rejected.map { (outcomes[$0].target, outcomes[$0].probe) }, credentials: fresh)
                for (position, index) in rejected.enumerated() { outcomes[index] = retried[position] }
            } else {
                options.logger.warning("Druid rejected the system account credentials (HTTP 401)", metadata: [
                    "endpoints": "\(rejected.map { outcomes[$0].target.baseURL + outcomes[$0].probe.path }.joined(separator: ", "))",
                ])
            }
        }

        var samples: [Sample] = []
        for target in targets {
            let mine = outcomes.filter { $0.target == target }.map { (probe: $0.probe, outcome: $0.outcome) }
            samples += DruidHealthMetrics.samples(serviceName: target.serviceName, outcomes: mine, timestamp: timestamp)
            logChange(target, health: mine.first { $0.probe.check == .health }?.outcome)
        }
        return samples
    }

    private func currentCredentials() async -> DruidSystemCredentials? {
        guard let provider = options.credentials else { return nil }
        do {
            return try await provider.credentials()
        } catch {
            options.logger.warning("no Druid system account credentials; probing without them", metadata: ["error": "\(error)"])
            return nil
        }
    }

    private struct ProbeResult: Sendable {
        var target: DruidHealthTarget
        var probe: DruidHealthProbe
        var outcome: DruidProbeOutcome
    }

    private func probeAll(_ targets: [DruidHealthTarget], credentials: DruidSystemCredentials?) async -> [ProbeResult] {
        let work = targets.flatMap { target in DruidHealthMetrics.probes(for: target.kind).map { (target, $0) } }
        return await probe(work, credentials: credentials)
    }

    /// Runs the probes concurrently; the results are in the order of `work`.
    private func probe(_ work: [(DruidHealthTarget, DruidHealthProbe)], credentials: DruidSystemCredentials?) async -> [ProbeResult] {
        await withTaskGroup(of: (Int, ProbeResult).self) { group in
            for (index, (target, probe)) in work.enumerated() {
                group.addTask {
                    let outcome = await self.run(probe, on: target, credentials: credentials)
                    return (index, ProbeResult(target: target, probe: probe, outcome: outcome))
                }
            }
            var results = [ProbeResult?](repeating: nil, count: work.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    private func run(_ probe: DruidHealthProbe, on target: DruidHealthTarget, credentials: DruidSystemCredentials?) async -> DruidProbeOutcome {
        var headers = [HTTPHeader("Accept", "application/json")]
        if probe.needsAuthentication, let credentials {
            headers.append(HTTPHeader("Authorization", credentials.authorizationHeader))
        }
        let request = HTTPRequest(
            method: .get,
            url: target.baseURL + probe.path,
            headers: headers,
            connectTimeout: min(options.connectTimeout, options.timeout),
            totalTimeout: options.timeout,
            maximumResponseBytes: options.maximumResponseBytes
        )
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await httpClient.execute(request)
            return .answered(status: response.status, body: Array(response.body), latency: clock.now - start)
        } catch {
            return .failed(reason: error.description)
        }
    }

    private func logChange(_ target: DruidHealthTarget, health: DruidProbeOutcome?) {
        guard let health else { return }
        let isUp = DruidHealthMetrics.isHealthy(health)
        let previous = lastUp.withLock { state in
            defer { state[target] = isUp }
            return state[target]
        }
        guard previous != isUp else { return }
        var metadata: Logger.Metadata = ["service": "\(target.serviceName)", "url": "\(target.baseURL)"]
        switch health {
        case let .failed(reason): metadata["reason"] = "\(reason)"
        case let .answered(status, _, _): metadata["status"] = "\(status)"
        }
        if isUp {
            options.logger.info("Druid service is up", metadata: metadata)
        } else {
            options.logger.warning("Druid service is down", metadata: metadata)
        }
    }
}
