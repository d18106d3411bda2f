import Foundation

/// What a previewed graph must read, from its `metrics` rows: each `SEARCH()` becomes
/// a metric to look up and read at its stat and period, each `SUM(s1)`-style row a
/// combination of one search's series. CloudWatch runs the searches itself; the preview
/// resolves them with ListMetrics and GetMetricData, which every emulator serves too.
public enum PreviewQuery: Sendable, Equatable {
    case search(id: String, metric: MetricIdentity, stat: String, period: Int, visible: Bool, label: String?)
    case combine(id: String, function: CombineFunction, source: String, label: String?)

    public enum CombineFunction: String, Sendable, CaseIterable {
        case sum = "SUM", max = "MAX", min = "MIN", average = "AVG"

        /// One value per timestamp from every series that has one there.
        func apply(_ series: [PreviewSeries]) -> [MetricPoint] {
            var byTime: [Date: [Double]] = [:]
            for point in series.flatMap(\.points) { byTime[point.timestamp, default: []].append(point.value) }
            return byTime.keys.sorted().compactMap { time in
                let values = byTime[time] ?? []
                let combined: Double? = switch self {
                case .sum: values.reduce(0, +)
                case .max: values.max()
                case .min: values.min()
                case .average: values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
                }
                return combined.map { MetricPoint(timestamp: time, value: $0) }
            }
        }
    }

    public struct Unsupported: Error, Equatable, CustomStringConvertible {
        public var expression: String
        public var description: String { "the preview cannot draw \(expression)" }
    }

    /// The queries of one widget, in row order; metric rows and other expressions are
    /// reported as unsupported rather than drawn wrong.
    public static func queries(of widget: MetricWidget, defaultPeriod: Int) -> (queries: [PreviewQuery], unsupported: [Unsupported]) {
        var queries: [PreviewQuery] = []
        var unsupported: [Unsupported] = []
        for (index, row) in widget.metrics.enumerated() {
            let options = row.options
            let id = options.id ?? "row\(index + 1)"
            guard let expression = row.expression else {
                if case let .metric(namespace, name, dimensions, _) = row {
                    queries.append(.search(
                        id: id, metric: MetricIdentity(namespace: namespace, metricName: name, dimensions: dimensions),
                        stat: options.stat ?? widget.stat ?? "Average", period: options.period ?? widget.period ?? defaultPeriod,
                        visible: options.visible ?? true, label: options.label
                    ))
                }
                continue
            }
            if let search = parseSearch(expression) {
                queries.append(.search(id: id, metric: search.metric, stat: search.stat, period: search.period, visible: options.visible ?? true, label: options.label))
            } else if let combination = parseCombination(expression) {
                queries.append(.combine(id: id, function: combination.function, source: combination.source, label: options.label))
            } else {
                unsupported.append(Unsupported(expression: expression))
            }
        }
        return (queries, unsupported)
    }

    /// The graph's lines: every visible search's series, and each combination as one
    /// line over its search's series. `found` holds the series read for each search id,
    /// and `rightAxis` the ids drawn against the right axis.
    public static func lines(_ queries: [PreviewQuery], found: [String: [PreviewSeries]], rightAxis: Set<String> = []) -> [PreviewSeries] {
        queries.flatMap { query -> [PreviewSeries] in
            switch query {
            case let .search(id, metric, _, _, visible, label):
                guard visible else { return [] }
                return (found[id] ?? []).map { series in
                    PreviewSeries(label: label ?? (series.label.isEmpty ? metric.metricName : series.label), points: series.points, onRightAxis: rightAxis.contains(id))
                }
            case let .combine(id, function, source, label):
                let points = function.apply(found[source] ?? [])
                return [PreviewSeries(label: label ?? "\(function.rawValue)(\(source))", points: points, onRightAxis: rightAxis.contains(id))]
            }
        }
    }

    /// `SEARCH('Namespace="N" MetricName="M" "Dim"="value" ...', 'Stat', 60)`, as
    /// ``MetricSearch`` writes it.
    static func parseSearch(_ expression: String) -> (metric: MetricIdentity, stat: String, period: Int)? {
        let pattern = #/^SEARCH\('(?<term>[^']*)',\s*'(?<stat>[^']+)',\s*(?<period>\d+)\)$/#
        guard let match = expression.trimmingCharacters(in: .whitespaces).wholeMatch(of: pattern),
              let period = Int(match.output.period) else { return nil }
        var namespace: String?
        var metricName: String?
        var dimensions: [MetricDimension] = []
        let pair = #/(?:"(?<quotedName>[^"]*)"|(?<name>[A-Za-z]+))="(?<value>[^"]*)"/#
        var rest = Substring(match.output.term)
        while let found = rest.firstMatch(of: pair) {
            guard rest[rest.startIndex..<found.range.lowerBound].allSatisfy(\.isWhitespace) else { return nil }
            let value = String(found.output.value)
            if let quoted = found.output.quotedName {
                dimensions.append(MetricDimension(String(quoted), value))
            } else if found.output.name == "Namespace" {
                namespace = value
            } else if found.output.name == "MetricName" {
                metricName = value
            } else {
                return nil
            }
            rest = rest[found.range.upperBound...]
        }
        guard rest.allSatisfy(\.isWhitespace), let namespace, let metricName else { return nil }
        return (MetricIdentity(namespace: namespace, metricName: metricName, dimensions: dimensions), String(match.output.stat), period)
    }

    /// `SUM(s1)`, `MAX(s2)`, ...
    static func parseCombination(_ expression: String) -> (function: CombineFunction, source: String)? {
        let pattern = #/^(?<function>[A-Z]+)\((?<source>[a-z][A-Za-z0-9_]*)\)$/#
        guard let match = expression.trimmingCharacters(in: .whitespaces).wholeMatch(of: pattern),
              let function = CombineFunction(rawValue: String(match.output.function)) else { return nil }
        return (function, String(match.output.source))
    }
}
