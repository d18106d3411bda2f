extension MetricIdentity: Codable {
    private enum CodingKeys: String, CodingKey { case namespace, metricName, dimensions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            namespace: try container.decode(String.self, forKey: .namespace),
            metricName: try container.decode(String.self, forKey: .metricName),
            dimensions: try container.decode([MetricDimension].self, forKey: .dimensions)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(namespace, forKey: .namespace)
        try container.encode(metricName, forKey: .metricName)
        try container.encode(dimensions, forKey: .dimensions)
    }
}
