import DruidWatchCore
import Foundation

/// Reads what a dashboard's graphs show, the way the console does: each `SEARCH()` is
/// resolved with ListMetrics to the series it matches, and all of them are read with
/// GetMetricData over the range, as many to a call as its limits allow.
public struct DashboardPreviewReader: Sendable {
    public var cloudWatch: CloudWatchClient
    /// Lines drawn per search at most; CloudWatch's own SEARCH stops at 500, a readable
    /// graph far sooner.
    public var maximumSeriesPerSearch: Int

    public init(cloudWatch: CloudWatchClient, maximumSeriesPerSearch: Int = 50) {
        self.cloudWatch = cloudWatch
        self.maximumSeriesPerSearch = maximumSeriesPerSearch
    }

    /// One series to read: a metric at a statistic and period.
    private struct Read: Hashable {
        var metric: MetricIdentity
        var stat: String
        var period: Int
    }

    /// Every metric widget's data, keyed by the widget's index in the body.
    public func read(_ dashboard: Dashboard, range: ClosedRange<Date>) async -> [Int: DashboardPreviewPage.WidgetData] {
        var listings: [MetricIdentity: Result<[MetricIdentity], AWSCallError>] = [:]
        var plans: [(index: Int, queries: [PreviewQuery], rightAxis: Set<String>, reads: [String: [Read]], notes: [String])] = []
        var allReads: [Read] = []

        for (index, widget) in dashboard.body.widgets.enumerated() {
            guard case let .metric(metric) = widget.content else { continue }
            let (queries, unsupported) = PreviewQuery.queries(of: metric, defaultPeriod: DashboardBuilder.period)
            var notes = unsupported.map(\.description)
            var reads: [String: [Read]] = [:]
            for case let .search(id, search, stat, period, _, _) in queries {
                if listings[search] == nil {
                    do {
                        listings[search] = .success(try await cloudWatch.listMetrics(namespace: search.namespace, metricName: search.metricName, dimensions: search.dimensions))
                    } catch {
                        listings[search] = .failure(error)
                    }
                }
                switch listings[search] {
                case let .success(found):
                    let matching = found.filter { series in search.dimensions.allSatisfy(series.dimensions.contains) }
                        .sorted { $0.dimensions.map(\.description).joined() < $1.dimensions.map(\.description).joined() }
                    if matching.count > maximumSeriesPerSearch {
                        notes.append("\(search.metricName): the first \(maximumSeriesPerSearch) of \(matching.count) series")
                    }
                    reads[id] = matching.prefix(maximumSeriesPerSearch).map { Read(metric: $0, stat: stat, period: period) }
                    allReads += reads[id] ?? []
                case let .failure(error):
                    notes.append("\(search.metricName): ListMetrics failed: \(error)")
                case nil:
                    break
                }
            }
            let rightAxis = Set(metric.metrics.compactMap { $0.options.yAxis == .right ? $0.options.id : nil })
            plans.append((index, queries, rightAxis, reads, notes))
        }

        let (values, failures) = await readAll(Array(Set(allReads)), range: range)
        var data: [Int: DashboardPreviewPage.WidgetData] = [:]
        for plan in plans {
            var found: [String: [PreviewSeries]] = [:]
            for (id, reads) in plan.reads {
                found[id] = reads.map { read in
                    let searched = Set(plan.queries.searchedDimensions(id))
                    let label = read.metric.dimensions.filter { !searched.contains($0) }.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
                    return PreviewSeries(label: label, points: values[read] ?? [])
                }
            }
            var notes = plan.notes
            let failed = plan.reads.values.joined().filter { failures[$0] != nil }
            if let first = failed.first, let error = failures[first] {
                notes.append("\(first.metric.metricName) \(first.stat): GetMetricData failed for \(failed.count) series: \(error.outcome)")
            }
            data[plan.index] = DashboardPreviewPage.WidgetData(lines: PreviewQuery.lines(plan.queries, found: found, rightAxis: plan.rightAxis), notes: notes)
        }
        return data
    }

    /// Reads every series, one statistic at a time and as many to a call as the
    /// 500-query and 100,800-point limits allow. A call CloudWatch refuses is split in
    /// halves until the queries it refuses are alone (the emulator answers 500 to
    /// percentile queries; CloudWatch may refuse one query's statistic), so that one bad
    /// series costs only its own line; a call that never got an answer is not split.
    private func readAll(_ reads: [Read], range: ClosedRange<Date>) async -> (values: [Read: [MetricPoint]], failures: [Read: AWSCallError]) {
        var values: [Read: [MetricPoint]] = [:]
        var failures: [Read: AWSCallError] = [:]
        let span = max(60, range.upperBound.timeIntervalSince(range.lowerBound))
        var pending: [[Read]] = []
        for (_, group) in Dictionary(grouping: reads, by: { "\($0.stat)/\($0.period)" }).sorted(by: { $0.key > $1.key }) {
            let pointsPerSeries = Int((span / Double(group[0].period)).rounded(.up))
            let perCall = max(1, min(500, 100_800 / max(1, pointsPerSeries)))
            pending += stride(from: 0, to: group.count, by: perCall).map { Array(group[$0..<min($0 + perCall, group.count)]) }
        }
        while let batch = pending.popLast() {
            let queries = batch.enumerated().map { offset, read in
                MetricDataQuery(id: "m\(offset)", source: .metric(read.metric, periodSeconds: read.period, stat: read.stat, unit: nil))
            }
            do {
                for result in try await cloudWatch.getMetricData(queries: queries, start: range.lowerBound, end: range.upperBound) {
                    guard let offset = Int(result.id.dropFirst()), batch.indices.contains(offset) else { continue }
                    values[batch[offset]] = result.points
                }
            } catch {
                guard case .service = error, batch.count > 1 else {
                    for read in batch { failures[read] = error }
                    continue
                }
                pending.append(Array(batch[(batch.count / 2)...]))
                pending.append(Array(batch[..<(batch.count / 2)]))
            }
        }
        return (values, failures)
    }
}

extension [PreviewQuery] {
    /// The dimensions a search named: what every one of its series shares, and so
    /// left out of their labels.
    func searchedDimensions(_ id: String) -> [MetricDimension] {
        for case let .search(searchId, metric, _, _, _, _) in self where searchId == id { return metric.dimensions }
        return []
    }
}
