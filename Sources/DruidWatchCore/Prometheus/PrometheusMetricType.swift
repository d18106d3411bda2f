/// The type a `# TYPE` line gives a metric family; `untyped` when there is none.
public enum PrometheusMetricType: String, Sendable, Hashable, CaseIterable {
    case counter
    case gauge
    case histogram
    case summary
    case untyped
}
