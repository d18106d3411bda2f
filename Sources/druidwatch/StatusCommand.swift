import ArgumentParser
import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Reads a running agent's `/healthz` and `/metrics` and prints what they say.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Summarise a running agent's health and its own metrics.",
        discussion: """
        Reads the agent's /healthz and /metrics (self_metrics.listen in the configuration, \
        127.0.0.1:8787 by default). Exit status: 0 ok, 1 degraded (CloudWatch is not taking \
        data; it is being spooled), 2 stalled (the agent has stopped collecting), 3 the \
        agent did not answer.
        """
    )

    @Option(name: .shortAndLong, help: "The agent's YAML configuration file (for self_metrics.listen).")
    var config: String = "/etc/druidwatch/agent.yaml"

    @Option(help: "The agent's self-metrics address, HOST:PORT; overrides the configuration.")
    var address: String?

    @Flag(help: "Print the raw /metrics text after the summary.")
    var raw = false

    func run() async throws {
        let target = address ?? configuredAddress()
        let http = CurlHTTPClient(configuration: .init(workerCount: 1, maximumQueuedRequests: 4))
        defer { http.shutDown() }
        do {
            let healthResponse = try await get(http, "http://\(target)/healthz")
            let metricsResponse = try await get(http, "http://\(target)/metrics")
            guard metricsResponse.status == 200 else { throw ValidationError("/metrics answered HTTP \(metricsResponse.status)") }
            let health = try AgentHealth.decode(healthResponse.body)
            let metrics = try PrometheusTextParser().parse(metricsResponse.body)
            let summary = AgentStatusSummary(address: target, health: health, metrics: metrics)
            print(summary.render())
            if raw { print("\n" + String(decoding: metricsResponse.body, as: UTF8.self)) }
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("druidwatch agent at \(target) did not answer: \(error)")
            throw ExitCode(3)
        }
    }

    private func get(_ http: CurlHTTPClient, _ url: String) async throws -> HTTPResponse {
        try await http.execute(HTTPRequest(method: .get, url: url, connectTimeout: .seconds(2), totalTimeout: .seconds(10)))
    }

    /// The configuration's address, or the default when the file is absent or unreadable
    /// (status must work on a host whose configuration is broken, too).
    private func configuredAddress() -> String {
        let settings = (try? AgentConfigLoader.load(path: config)) ?? AgentConfig()
        let host = settings.selfMetrics.host.contains(":") ? "[\(settings.selfMetrics.host)]" : settings.selfMetrics.host
        return "\(host == "0.0.0.0" ? "127.0.0.1" : host):\(settings.selfMetrics.port)"
    }
}
