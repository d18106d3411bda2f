/// One alarm instance: a rule fans out to one instance per distinct value of its
/// `group_by` dimensions, and each instance has its own state.
public struct AlarmInstanceKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let ruleName: String
    /// Sorted by name, so that the same group compares, hashes and prints the same
    /// whatever order the engine listed its dimensions in.
    public let group: [MetricDimension]

    public init(ruleName: String, group: [MetricDimension] = []) {
        self.ruleName = ruleName
        self.group = group.sorted()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ruleName: try container.decode(String.self, forKey: .ruleName),
            group: try container.decode([MetricDimension].self, forKey: .group)
        )
    }

    public static func < (lhs: AlarmInstanceKey, rhs: AlarmInstanceKey) -> Bool {
        if lhs.ruleName != rhs.ruleName { return lhs.ruleName < rhs.ruleName }
        return lhs.group.lexicographicallyPrecedes(rhs.group)
    }

    /// Prometheus' series notation, `DruidIngestionStalled{dataSource=wikipedia}`; a rule
    /// without `group_by` has one instance, printed as the bare rule name.
    public var description: String {
        group.isEmpty ? ruleName : "\(ruleName){\(group.map(\.description).joined(separator: ","))}"
    }
}

extension AlarmInstanceKey {
    /// `dataSource=wikipedia, InstanceId=i-0abc`: how messages list an instance's series.
    public var groupText: String {
        group.map(\.description).joined(separator: ", ")
    }
}
