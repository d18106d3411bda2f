import DruidWatchCore
import Foundation

/// The CloudWatch metric calls druidwatch makes, over the query protocol.
public struct CloudWatchClient: AWSQueryService {
    public static let signingName = "monitoring"
    /// Pagination is bounded so that a runaway NextToken loop cannot spin forever.
    public static let maximumPages = 1_000

    public var query: AWSQueryClient

    public init(query: AWSQueryClient) {
        self.query = query
    }

    /// Sends one PutMetricData request with exactly these datums; the caller keeps
    /// within the API's per-request limits.
    /// The AWS SDKs' default `request_min_compression_size_bytes`: smaller bodies gain
    /// less from gzip than it costs.
    public static let compressionThreshold = 10_240

    public func putMetricData(namespace: String, datums: [MetricDatum]) async throws(AWSCallError) {
        _ = try await query.call(PutMetricDataEncoder.parameters(namespace: namespace, datums: datums), compressingAbove: Self.compressionThreshold)
    }

    /// Runs the queries (at most 500) over [start, end), following NextToken.
    public func getMetricData(queries: [MetricDataQuery], start: Date, end: Date) async throws(AWSCallError) -> [MetricDataResult] {
        var merged: [String: MetricDataResult] = [:]
        var order: [String] = []
        var nextToken: String?
        for _ in 0..<Self.maximumPages {
            let tree = try await query.call(CloudWatchReadEncoder.getMetricData(queries: queries, start: start, end: end, nextToken: nextToken))
            let page = try CloudWatchResponseParser.metricDataResults(tree)
            for result in page.results {
                if var existing = merged[result.id] {
                    existing.points += result.points
                    existing.statusCode = result.statusCode
                    merged[result.id] = existing
                } else {
                    merged[result.id] = result
                    order.append(result.id)
                }
            }
            guard let token = page.nextToken else { break }
            nextToken = token
        }
        return order.compactMap { id in
            merged[id].map { result in
                var sorted = result
                sorted.points.sort { $0.timestamp < $1.timestamp }
                return sorted
            }
        }
    }

    /// Every metric matching the filter, following NextToken, each once (moto lists a
    /// metric once per stored datum; CloudWatch itself does not repeat them).
    public func listMetrics(namespace: String?, metricName: String? = nil, dimensions: [MetricDimension] = []) async throws(AWSCallError) -> [MetricIdentity] {
        var metrics: [MetricIdentity] = []
        var seen: Set<MetricIdentity> = []
        var nextToken: String?
        for _ in 0..<Self.maximumPages {
            let tree = try await query.call(CloudWatchReadEncoder.listMetrics(namespace: namespace, metricName: metricName, dimensions: dimensions, nextToken: nextToken))
            let page = try CloudWatchResponseParser.listedMetrics(tree)
            metrics += page.metrics.filter { seen.insert($0).inserted }
            guard let token = page.nextToken else { break }
            nextToken = token
        }
        return metrics
    }

    /// Creates or replaces a dashboard; answers CloudWatch's validation messages (empty
    /// when it found nothing to say). A body CloudWatch refuses is a `.service` error.
    public func putDashboard(name: String, body: String) async throws(AWSCallError) -> [DashboardValidationMessage] {
        try DashboardResponseParser.validationMessages(try await query.call(DashboardRequestEncoder.putDashboard(name: name, body: body)))
    }

    public func getDashboard(name: String) async throws(AWSCallError) -> StoredDashboard {
        try DashboardResponseParser.storedDashboard(try await query.call(DashboardRequestEncoder.getDashboard(name: name)))
    }

    /// Every dashboard whose name starts with the prefix, following NextToken.
    public func listDashboards(namePrefix: String? = nil) async throws(AWSCallError) -> [DashboardEntry] {
        var entries: [DashboardEntry] = []
        var nextToken: String?
        for _ in 0..<Self.maximumPages {
            let page = try DashboardResponseParser.dashboardEntries(try await query.call(DashboardRequestEncoder.listDashboards(namePrefix: namePrefix, nextToken: nextToken)))
            entries += page.entries
            guard let token = page.nextToken else { break }
            nextToken = token
        }
        return entries
    }
}
