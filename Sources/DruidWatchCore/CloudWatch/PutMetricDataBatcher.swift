/// Splits datums into PutMetricData requests within the API's limits: at most 1,000
/// datums and at most 1 MB of request body each, in as few requests as those allow.
public enum PutMetricDataBatcher {
    public static let maximumDatumsPerRequest = 1_000
    /// The documented limit is 1 MB; a margin stays below it whatever "MB" means.
    public static let maximumBodyBytes = 1_000_000

    public static func batches(
        namespace: String,
        datums: [MetricDatum],
        maximumDatums: Int = maximumDatumsPerRequest,
        maximumBytes: Int = maximumBodyBytes
    ) -> [[MetricDatum]] {
        let fixedBytes = QueryFormEncoding.encode(PutMetricDataEncoder.parameters(namespace: namespace, datums: [])).utf8.count
        var batches: [[MetricDatum]] = []
        var current: [MetricDatum] = []
        var currentBytes = fixedBytes
        for datum in datums {
            // Sized at the position it would take; "&" joins it to what precedes.
            let bytes = QueryFormEncoding.encode(PutMetricDataEncoder.datumParameters(datum, position: current.count + 1)).utf8.count + 1
            if !current.isEmpty, current.count >= maximumDatums || currentBytes + bytes > maximumBytes {
                batches.append(current)
                current = []
                currentBytes = fixedBytes
            }
            current.append(datum)
            currentBytes += bytes
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}
