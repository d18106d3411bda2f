import DruidWatchCore
import LibFuzzerDriver

// Both ways the receiver reads a batch: event by event, and folded into series.
// `service_only` lets unknown metrics reach the aggregation too, not only the catalog's.
let mapper = DruidEventMapper(catalog: .druidStandard, unknownMetrics: .keepServiceOnly)

LibFuzzer.run { body in
    var parser = DruidBatchParser()
    _ = parser.parse(body, keeping: { _ in ["dataSource", "taskType", "tier", "server"] }, onMetric: { _ in }, onAlert: { _ in })
    _ = parser.aggregate(body, mapper: mapper, periodSeconds: 60, onAlert: { _ in })
}
