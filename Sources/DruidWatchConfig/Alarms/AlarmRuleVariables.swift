/// What `${cluster}` and `${namespace}` become in rule files: the evaluator
/// configuration's cluster and namespace.
public struct AlarmRuleVariables: Sendable, Hashable {
    public var cluster: String
    public var namespace: String

    public init(cluster: String = "prod-druid", namespace: String = "Druid") {
        self.cluster = cluster
        self.namespace = namespace
    }

    func substitute(_ text: String) -> String {
        text.replacingOccurrences(of: "${cluster}", with: cluster).replacingOccurrences(of: "${namespace}", with: namespace)
    }
}
