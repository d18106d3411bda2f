import DruidWatchCore
import Foundation

/// What the sink does to a finished period before any network I/O: split it into
/// requests within the API's limits, then form-encode each request's body.
enum EncodingThroughput {
    struct Measurement {
        var rounds: Int
        var seconds: Double
        var datumsPerSecond: Double
        var requests: Int
        var bodyBytes: Int
    }

    static func measure(datums: [MetricDatum], namespace: String, minimumSeconds: Double) -> Measurement {
        let clock = ContinuousClock()
        var rounds = 0
        var requests = 0
        var bodyBytes = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            (requests, bodyBytes) = encodeAll(datums, namespace: namespace)
            rounds += 1
            elapsed = clock.now - start
        } while elapsed < .seconds(minimumSeconds) && rounds < 1_000_000
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(
            rounds: rounds, seconds: seconds, datumsPerSecond: Double(rounds * datums.count) / seconds,
            requests: requests, bodyBytes: bodyBytes
        )
    }

    /// The byte count is returned so that the optimiser cannot drop the encoding.
    static func encodeAll(_ datums: [MetricDatum], namespace: String) -> (requests: Int, bodyBytes: Int) {
        var bodyBytes = 0
        let batches = PutMetricDataBatcher.batches(namespace: namespace, datums: datums)
        for batch in batches {
            bodyBytes += PutMetricDataEncoder.body(namespace: namespace, datums: batch).utf8.count
        }
        return (batches.count, bodyBytes)
    }
}
