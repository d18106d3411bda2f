import DruidWatchCore
import Foundation

/// The same requests, datum for datum, as the `PutMetricData` parameters botocore takes,
/// for the Python peer (`botocore_query_peer.py`). It also gets druidwatch's body of the
/// first request, to check that both sides really produce the same request.
struct BotocorePeerInput: Encodable {
    var namespace: String
    var requests: [[Datum]]
    var firstDruidwatchBody: String

    struct Dimension: Encodable {
        var name: String
        var value: String

        enum CodingKeys: String, CodingKey {
            case name = "Name", value = "Value"
        }
    }

    struct StatisticValues: Encodable {
        var sampleCount: Double
        var sum: Double
        var minimum: Double
        var maximum: Double

        enum CodingKeys: String, CodingKey {
            case sampleCount = "SampleCount", sum = "Sum", minimum = "Minimum", maximum = "Maximum"
        }
    }

    struct Datum: Encodable {
        var metricName: String
        var dimensions: [Dimension]
        /// Seconds since the epoch; the peer turns it into a datetime.
        var timestamp: Double
        var value: Double?
        var statisticValues: StatisticValues?
        var values: [Double]?
        var counts: [Double]?
        var unit: String
        var storageResolution: Int

        enum CodingKeys: String, CodingKey {
            case metricName = "MetricName", dimensions = "Dimensions", timestamp = "Timestamp", value = "Value"
            case statisticValues = "StatisticValues", values = "Values", counts = "Counts", unit = "Unit"
            case storageResolution = "StorageResolution"
        }

        init(_ datum: MetricDatum) {
            metricName = datum.metricName
            // The encoder's canonical order, so that both bodies list dimensions alike.
            dimensions = datum.dimensions.sorted { $0.name < $1.name }.map { Dimension(name: $0.name, value: $0.value) }
            timestamp = datum.timestamp.timeIntervalSince1970
            switch datum.value {
            case let .single(single):
                value = single
            case let .statistics(set):
                statisticValues = StatisticValues(sampleCount: set.sampleCount, sum: set.sum, minimum: set.minimum, maximum: set.maximum)
            case let .distribution(distinct, occurrences):
                values = distinct
                counts = occurrences
            }
            unit = datum.unit.rawValue
            storageResolution = datum.storageResolution
        }
    }

    enum CodingKeys: String, CodingKey {
        case namespace, requests
        case firstDruidwatchBody = "first_druidwatch_body"
    }

    init(datums: [MetricDatum], namespace: String) {
        let batches = PutMetricDataBatcher.batches(namespace: namespace, datums: datums)
        self.namespace = namespace
        self.requests = batches.map { $0.map(Datum.init) }
        self.firstDruidwatchBody = batches.first.map { PutMetricDataEncoder.body(namespace: namespace, datums: $0) } ?? ""
    }

    func write(to url: URL) throws {
        try JSONEncoder().encode(self).write(to: url)
    }
}
