import DruidWatchAWS
import DruidWatchCore
import Foundation
import Logging

/// The evaluator's own pulse in CloudWatch: after every cycle, `druidwatch/evaluator/cycles`
/// (1 per cycle that read CloudWatch) and `druidwatch/evaluator/firing` (alarm states in
/// ALARM). The evaluator cannot page about its own death, so a native CloudWatch alarm
/// watches this metric (`alarms/druidwatch.yaml`, DruidwatchEvaluatorSilent, exported
/// with `druidwatch alarms export`).
public struct EvaluatorHeartbeat: Sendable {
    public static let cyclesMetric = EvaluatorMetrics.cycles
    public static let firingMetric = EvaluatorMetrics.firing

    public var cloudWatch: CloudWatchClient
    public var namespace: String
    public var cluster: String
    public var logger: Logger

    public init(cloudWatch: CloudWatchClient, namespace: String, cluster: String, logger: Logger) {
        self.cloudWatch = cloudWatch
        self.namespace = namespace
        self.cluster = cluster
        self.logger = logger
    }

    public static func datums(_ report: CycleReport, cluster: String, at time: Date) -> [MetricDatum] {
        let dimensions = [MetricDimension("Cluster", cluster)]
        // A cycle that could not read CloudWatch is not a pulse: the alarm should see the
        // evaluator as blind, not as alive.
        guard report.readFailure == nil else { return [] }
        return [
            MetricDatum(metricName: cyclesMetric, dimensions: dimensions, timestamp: time, value: .single(1), unit: .count),
            MetricDatum(metricName: firingMetric, dimensions: dimensions, timestamp: time, value: .single(Double(report.firing)), unit: .count),
        ]
    }

    /// Never throws: a missed beat is what the alarm is for, and must not stop evaluation.
    public func beat(_ report: CycleReport, at time: Date) async {
        let datums = Self.datums(report, cluster: cluster, at: time)
        guard !datums.isEmpty else { return }
        do {
            try await cloudWatch.putMetricData(namespace: namespace, datums: datums)
        } catch {
            logger.warning("the evaluator's heartbeat could not be published", metadata: ["error": "\(error)"])
        }
    }
}
