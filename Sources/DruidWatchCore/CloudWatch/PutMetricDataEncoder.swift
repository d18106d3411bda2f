import Foundation

/// Builds the form-encoded body of a CloudWatch `PutMetricData` call (API version
/// 2010-08-01). Splitting into requests within the API's limits is the batcher's job;
/// this encodes one request exactly as given.
public enum PutMetricDataEncoder {
    public static func parameters(namespace: String, datums: [MetricDatum]) -> [(String, String)] {
        var parameters: [(String, String)] = [
            ("Action", "PutMetricData"),
            ("Version", "2010-08-01"),
            ("Namespace", namespace),
        ]
        for (datumIndex, datum) in datums.enumerated() {
            parameters += datumParameters(datum, position: datumIndex + 1)
        }
        return parameters
    }

    /// The parameters of one datum as the `position`-th (1-based) entry of a request.
    public static func datumParameters(_ datum: MetricDatum, position: Int) -> [(String, String)] {
        let prefix = "MetricData.member.\(position)"
        var parameters: [(String, String)] = [("\(prefix).MetricName", datum.metricName)]
        // Dimensions are a set to CloudWatch; one canonical order (by name) keeps every
        // request for a metric byte-identical, and moto matches dimension lists by order.
        for (dimensionIndex, dimension) in datum.dimensions.sorted(by: { $0.name < $1.name }).enumerated() {
            let dimensionPrefix = "\(prefix).Dimensions.member.\(dimensionIndex + 1)"
            parameters.append(("\(dimensionPrefix).Name", dimension.name))
            parameters.append(("\(dimensionPrefix).Value", dimension.value))
        }
        parameters.append(("\(prefix).Timestamp", QueryFormEncoding.timestamp(datum.timestamp)))
        switch datum.value {
        case let .single(value):
            parameters.append(("\(prefix).Value", QueryFormEncoding.number(value)))
        case let .statistics(set):
            parameters.append(("\(prefix).StatisticValues.SampleCount", QueryFormEncoding.number(set.sampleCount)))
            parameters.append(("\(prefix).StatisticValues.Sum", QueryFormEncoding.number(set.sum)))
            parameters.append(("\(prefix).StatisticValues.Minimum", QueryFormEncoding.number(set.minimum)))
            parameters.append(("\(prefix).StatisticValues.Maximum", QueryFormEncoding.number(set.maximum)))
        case let .distribution(values, counts):
            for (index, value) in values.enumerated() {
                parameters.append(("\(prefix).Values.member.\(index + 1)", QueryFormEncoding.number(value)))
            }
            for (index, count) in counts.enumerated() {
                parameters.append(("\(prefix).Counts.member.\(index + 1)", QueryFormEncoding.number(count)))
            }
        }
        parameters.append(("\(prefix).Unit", datum.unit.rawValue))
        parameters.append(("\(prefix).StorageResolution", String(datum.storageResolution)))
        return parameters
    }

    public static func body(namespace: String, datums: [MetricDatum]) -> String {
        QueryFormEncoding.encode(parameters(namespace: namespace, datums: datums))
    }
}
