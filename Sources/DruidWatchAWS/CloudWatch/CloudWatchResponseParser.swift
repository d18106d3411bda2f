import DruidWatchCore
import Foundation

/// Reads the XML answers of the CloudWatch read calls.
public enum CloudWatchResponseParser {
    public static func metricDataResults(_ tree: XMLElementTree) throws(AWSCallError) -> (results: [MetricDataResult], nextToken: String?) {
        guard let result = tree.first(named: "GetMetricDataResult") else {
            throw .malformedResponse("GetMetricData answer has no GetMetricDataResult element")
        }
        var results: [MetricDataResult] = []
        for member in result.child("MetricDataResults")?.children("member") ?? [] {
            let timestamps = member.child("Timestamps")?.children("member").map(\.text) ?? []
            let values = member.child("Values")?.children("member").map(\.text) ?? []
            guard timestamps.count == values.count else {
                throw .malformedResponse("GetMetricData result \(member.child("Id")?.text ?? "?") has \(timestamps.count) timestamps but \(values.count) values")
            }
            var points: [MetricPoint] = []
            for (timestampText, valueText) in zip(timestamps, values) {
                guard let timestamp = parseTimestamp(timestampText), let value = Double(valueText) else {
                    throw .malformedResponse("GetMetricData point (\(timestampText), \(valueText)) is not a timestamp and a number")
                }
                points.append(MetricPoint(timestamp: timestamp, value: value))
            }
            results.append(MetricDataResult(
                id: member.child("Id")?.text ?? "",
                label: member.child("Label")?.text ?? "",
                statusCode: member.child("StatusCode")?.text ?? "",
                points: points
            ))
        }
        return (results, nonEmpty(result.child("NextToken")?.text))
    }

    public static func listedMetrics(_ tree: XMLElementTree) throws(AWSCallError) -> (metrics: [MetricIdentity], nextToken: String?) {
        guard let result = tree.first(named: "ListMetricsResult") else {
            throw .malformedResponse("ListMetrics answer has no ListMetricsResult element")
        }
        let metrics = (result.child("Metrics")?.children("member") ?? []).map { member in
            MetricIdentity(
                namespace: member.child("Namespace")?.text ?? "",
                metricName: member.child("MetricName")?.text ?? "",
                dimensions: (member.child("Dimensions")?.children("member") ?? []).map {
                    MetricDimension($0.child("Name")?.text ?? "", $0.child("Value")?.text ?? "")
                }
            )
        }
        return (metrics, nonEmpty(result.child("NextToken")?.text))
    }

    static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
