import DruidWatchAWS
import DruidWatchCore
import Foundation

/// The two CloudWatch reads the evaluator makes; `CloudWatchClient` in production.
public protocol MetricReader: Sendable {
    func listMetrics(namespace: String?, metricName: String?, dimensions: [MetricDimension]) async throws(AWSCallError) -> [MetricIdentity]
    func getMetricData(queries: [MetricDataQuery], start: Date, end: Date) async throws(AWSCallError) -> [MetricDataResult]
}

extension CloudWatchClient: MetricReader {}
