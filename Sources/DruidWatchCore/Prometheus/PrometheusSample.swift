/// One line of a Prometheus exposition: a series name, its labels and its value.
public struct PrometheusSample: Sendable, Hashable {
    /// A label name and its unescaped value.
    public struct Label: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }

        public static func < (lhs: Label, rhs: Label) -> Bool {
            (lhs.name, lhs.value) < (rhs.name, rhs.value)
        }

        public var description: String { "\(name)=\"\(value)\"" }
    }

    /// What the sample is within its family.
    public enum Role: Sendable, Hashable {
        /// The value of a counter, gauge or untyped metric.
        case value
        /// A histogram's cumulative `_bucket` count for observations ≤ `upperBound`
        /// (the `le` label, which is not among `labels`).
        case bucket(upperBound: Double)
        /// A summary's φ-quantile (the `quantile` label, which is not among `labels`).
        case quantile(Double)
        /// A histogram's or summary's `_sum`.
        case sum
        /// A histogram's or summary's `_count`.
        case count
    }

    /// The series name as exposed, suffix included: `druid_query_time_bucket`.
    public var name: String
    /// The labels in the order of the line, without `le` on histogram buckets and
    /// `quantile` on summary quantiles (see `role`).
    public var labels: [Label]
    public var value: Double
    /// Milliseconds since the epoch, when the line carries a timestamp.
    public var timestampMilliseconds: Int64?
    public var role: Role
    /// 1-based line number in the body, for messages.
    public var line: Int

    public init(
        name: String,
        labels: [Label] = [],
        value: Double,
        timestampMilliseconds: Int64? = nil,
        role: Role = .value,
        line: Int = 0
    ) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestampMilliseconds = timestampMilliseconds
        self.role = role
        self.line = line
    }

    /// The value of the label `name`, if the sample has it.
    public func label(_ name: String) -> String? {
        labels.first { $0.name == name }?.value
    }
}
