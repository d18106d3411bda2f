/// What a configuration costs a month on a fleet: distinct custom metrics, PutMetricData
/// requests and dollars, per tier and in total, with what drives the count.
public struct CostEstimate: Sendable, Equatable, Codable {
    public struct Line: Sendable, Equatable, Codable {
        /// A tier's name, or `shared` for series every tier publishes into together
        /// (rolled up without the instance dimension).
        public var tier: String
        public var hosts: Int
        /// Distinct metrics of the tier divided by its hosts (the leader publishes more).
        public var metricsPerHost: Int
        public var distinctMetrics: Int
        public var requestsPerMonth: Int
        /// The tier's share of the tiered metric charge, plus its own requests.
        public var usdPerMonth: Double
        public var metricsBySource: [String: Int]
    }

    /// A metric name or a dimension, and the metrics it accounts for.
    public struct Contributor: Sendable, Equatable, Codable {
        public var name: String
        /// For a metric, its distinct metrics; for a dimension, the metrics that would go
        /// if it were left out (the others would merge into one).
        public var metrics: Int
        public var share: Double
    }

    public var lines: [Line]
    public var distinctMetrics: Int
    public var requestsPerMonth: Int
    public var metricUSDPerMonth: Double
    public var requestUSDPerMonth: Double
    public var totalUSDPerMonth: Double { metricUSDPerMonth + requestUSDPerMonth }
    public var metricsBySource: [String: Int]
    public var topMetrics: [Contributor]
    public var topDimensions: [Contributor]
    /// Assumptions and what is left out, for people.
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case lines = "tiers", distinctMetrics, requestsPerMonth, metricUSDPerMonth, requestUSDPerMonth, totalUSDPerMonth
        case metricsBySource, topMetrics, topDimensions, notes
    }

    public init(
        lines: [Line], distinctMetrics: Int, requestsPerMonth: Int, metricUSDPerMonth: Double, requestUSDPerMonth: Double,
        metricsBySource: [String: Int], topMetrics: [Contributor], topDimensions: [Contributor], notes: [String]
    ) {
        self.lines = lines
        self.distinctMetrics = distinctMetrics
        self.requestsPerMonth = requestsPerMonth
        self.metricUSDPerMonth = metricUSDPerMonth
        self.requestUSDPerMonth = requestUSDPerMonth
        self.metricsBySource = metricsBySource
        self.topMetrics = topMetrics
        self.topDimensions = topDimensions
        self.notes = notes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            lines: try container.decode([Line].self, forKey: .lines),
            distinctMetrics: try container.decode(Int.self, forKey: .distinctMetrics),
            requestsPerMonth: try container.decode(Int.self, forKey: .requestsPerMonth),
            metricUSDPerMonth: try container.decode(Double.self, forKey: .metricUSDPerMonth),
            requestUSDPerMonth: try container.decode(Double.self, forKey: .requestUSDPerMonth),
            metricsBySource: try container.decode([String: Int].self, forKey: .metricsBySource),
            topMetrics: try container.decode([Contributor].self, forKey: .topMetrics),
            topDimensions: try container.decode([Contributor].self, forKey: .topDimensions),
            notes: try container.decode([String].self, forKey: .notes)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lines, forKey: .lines)
        try container.encode(distinctMetrics, forKey: .distinctMetrics)
        try container.encode(requestsPerMonth, forKey: .requestsPerMonth)
        try container.encode(metricUSDPerMonth, forKey: .metricUSDPerMonth)
        try container.encode(requestUSDPerMonth, forKey: .requestUSDPerMonth)
        try container.encode(totalUSDPerMonth, forKey: .totalUSDPerMonth)
        try container.encode(metricsBySource, forKey: .metricsBySource)
        try container.encode(topMetrics, forKey: .topMetrics)
        try container.encode(topDimensions, forKey: .topDimensions)
        try container.encode(notes, forKey: .notes)
    }
}
