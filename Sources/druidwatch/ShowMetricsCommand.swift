import ArgumentParser
import DruidWatchAgent
import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSystemd
import Foundation
import Logging

/// Reads back what CloudWatch holds in the configured namespace, through the same
/// API calls a dashboard makes: ListMetrics, then GetMetricData for the latest values.
struct ShowMetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show-metrics",
        abstract: "Print the metrics CloudWatch holds in the configured namespace, with their latest values."
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file (for namespace, region, endpoint and credentials).")
    var config: String = "/etc/druidwatch/agent.yaml"

    @Option(help: "How far back to look for values, in minutes.")
    var minutes: Int = 30

    func run() async throws {
        let settings = try loadConfigurationOrExit(config)
        LogBackend.bootstrap(level: .warning)
        let logger = Logger(label: "druidwatch.show-metrics")
        do {
            let aws = try await AWSContext.resolve(settings, logger: logger)
            let metrics = try await aws.cloudWatch.listMetrics(namespace: settings.namespace)
                .sorted { ($0.metricName, $0.dimensions.description) < ($1.metricName, $1.dimensions.description) }
            guard !metrics.isEmpty else {
                print("no metrics in namespace \(settings.namespace)")
                return
            }
            let end = Date()
            let start = end.addingTimeInterval(-Double(minutes) * 60)
            let period = Int(settings.period.components.seconds)
            var latest: [String: MetricPoint] = [:]
            for chunkStart in stride(from: 0, to: metrics.count, by: CloudWatchReadEncoder.maximumQueriesPerCall) {
                let chunk = metrics[chunkStart..<min(chunkStart + CloudWatchReadEncoder.maximumQueriesPerCall, metrics.count)]
                let queries = chunk.enumerated().map { offset, metric in
                    MetricDataQuery(id: "m\(chunkStart + offset)", source: .metric(metric, periodSeconds: period, stat: "Average", unit: nil))
                }
                for result in try await aws.cloudWatch.getMetricData(queries: queries, start: start, end: end) {
                    if let point = result.points.last { latest[result.id] = point }
                }
            }
            print("\(metrics.count) metrics in namespace \(settings.namespace) (latest \(period)-second average):")
            for (index, metric) in metrics.enumerated() {
                let dimensions = metric.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                let value = latest["m\(index)"].map { String(format: "%.2f at %@", $0.value, QueryFormEncoding.timestamp($0.timestamp)) } ?? "no recent value"
                print("  \(metric.metricName.padding(toLength: 34, withPad: " ", startingAt: 0)) \(value)  [\(dimensions)]")
            }
        } catch {
            printToStandardError("druidwatch show-metrics: \(error)")
            throw ExitCode.failure
        }
    }
}
