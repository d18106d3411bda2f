/// One alarm state of a fanned-out rule: the rule and the values of its `group_by`
/// dimensions (empty for a rule that is not fanned out).
public struct AlarmGroupKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rule: String
    /// In the rule's `group_by` order.
    public var group: [MetricDimension]

    public init(rule: String, group: [MetricDimension] = []) {
        self.rule = rule
        self.group = group
    }

    public static func < (lhs: AlarmGroupKey, rhs: AlarmGroupKey) -> Bool {
        lhs.description < rhs.description
    }

    /// `DruidIngestionStalled{dataSource=wikipedia}`, or the bare rule name.
    public var description: String {
        group.isEmpty ? rule : "\(rule){\(groupText)}"
    }

    /// `dataSource=wikipedia, InstanceId=i-0abc`: how notifications list the series.
    public var groupText: String {
        group.map(\.description).joined(separator: ", ")
    }
}
