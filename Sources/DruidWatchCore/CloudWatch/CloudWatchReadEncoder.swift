import Foundation

/// Form parameters of the CloudWatch read calls (GetMetricData, ListMetrics).
public enum CloudWatchReadEncoder {
    /// The API's limit of queries per GetMetricData call.
    public static let maximumQueriesPerCall = 500

    public static func getMetricData(queries: [MetricDataQuery], start: Date, end: Date, nextToken: String?) -> [(String, String)] {
        var parameters: [(String, String)] = [
            ("Action", "GetMetricData"),
            ("Version", "2010-08-01"),
            ("StartTime", QueryFormEncoding.timestamp(start)),
            ("EndTime", QueryFormEncoding.timestamp(end)),
            ("ScanBy", "TimestampAscending"),
        ]
        for (index, query) in queries.enumerated() {
            let prefix = "MetricDataQueries.member.\(index + 1)"
            parameters.append(("\(prefix).Id", query.id))
            switch query.source {
            case let .metric(metric, periodSeconds, stat, unit):
                parameters.append(("\(prefix).MetricStat.Metric.Namespace", metric.namespace))
                parameters.append(("\(prefix).MetricStat.Metric.MetricName", metric.metricName))
                // Same canonical order as PutMetricDataEncoder: moto compares dimension lists in order.
                for (dimensionIndex, dimension) in metric.dimensions.sorted(by: { $0.name < $1.name }).enumerated() {
                    let dimensionPrefix = "\(prefix).MetricStat.Metric.Dimensions.member.\(dimensionIndex + 1)"
                    parameters.append(("\(dimensionPrefix).Name", dimension.name))
                    parameters.append(("\(dimensionPrefix).Value", dimension.value))
                }
                parameters.append(("\(prefix).MetricStat.Period", String(periodSeconds)))
                parameters.append(("\(prefix).MetricStat.Stat", stat))
                if let unit { parameters.append(("\(prefix).MetricStat.Unit", unit.rawValue)) }
            case let .expression(expression, periodSeconds):
                parameters.append(("\(prefix).Expression", expression))
                if let periodSeconds { parameters.append(("\(prefix).Period", String(periodSeconds))) }
            }
            if let label = query.label { parameters.append(("\(prefix).Label", label)) }
            parameters.append(("\(prefix).ReturnData", query.returnData ? "true" : "false"))
        }
        if let nextToken { parameters.append(("NextToken", nextToken)) }
        return parameters
    }

    public static func listMetrics(namespace: String?, metricName: String?, dimensions: [MetricDimension], nextToken: String?) -> [(String, String)] {
        var parameters: [(String, String)] = [("Action", "ListMetrics"), ("Version", "2010-08-01")]
        if let namespace { parameters.append(("Namespace", namespace)) }
        if let metricName { parameters.append(("MetricName", metricName)) }
        for (index, dimension) in dimensions.enumerated() {
            parameters.append(("Dimensions.member.\(index + 1).Name", dimension.name))
            parameters.append(("Dimensions.member.\(index + 1).Value", dimension.value))
        }
        if let nextToken { parameters.append(("NextToken", nextToken)) }
        return parameters
    }
}
