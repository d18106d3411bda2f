/// What CloudWatch charges for what the agent does: custom metrics per month in volume
/// tiers, and PutMetricData per thousand requests. Prices differ by region, so the
/// whole list is configurable; the default is us-east-1's public list price.
public struct CloudWatchPriceList: Sendable, Hashable, Codable {
    /// One band of the metric price: every metric past the previous band's limit and up
    /// to `upTo` (all the rest when nil) costs `usdPerMetric` a month.
    public struct MetricTier: Sendable, Hashable, Codable {
        public var upTo: Int?
        public var usdPerMetric: Double

        public init(upTo: Int?, usdPerMetric: Double) {
            self.upTo = upTo
            self.usdPerMetric = usdPerMetric
        }
    }

    /// In ascending order of `upTo`; only the last may be open-ended.
    public var metricTiers: [MetricTier]
    /// PutMetricData, ListMetrics and the other request-priced APIs.
    public var usdPerThousandRequests: Double
    /// GetMetricData is priced per metric requested, not per call.
    public var usdPerThousandMetricsRequested: Double
    /// A native metric alarm is billed per metric it reads (a math alarm for each metric
    /// in it), at the high-resolution price when its period is under 60 s.
    public var usdPerStandardAlarmMetric: Double
    public var usdPerHighResolutionAlarmMetric: Double
    public var usdPerCompositeAlarm: Double

    public init(
        metricTiers: [MetricTier], usdPerThousandRequests: Double, usdPerThousandMetricsRequested: Double = 0.01,
        usdPerStandardAlarmMetric: Double = 0.10, usdPerHighResolutionAlarmMetric: Double = 0.30, usdPerCompositeAlarm: Double = 0.50
    ) {
        self.metricTiers = metricTiers
        self.usdPerThousandRequests = usdPerThousandRequests
        self.usdPerThousandMetricsRequested = usdPerThousandMetricsRequested
        self.usdPerStandardAlarmMetric = usdPerStandardAlarmMetric
        self.usdPerHighResolutionAlarmMetric = usdPerHighResolutionAlarmMetric
        self.usdPerCompositeAlarm = usdPerCompositeAlarm
    }

    /// us-east-1 list prices as of 2026 (https://aws.amazon.com/cloudwatch/pricing/):
    /// metrics in bands; API requests (PutMetricData, ListMetrics, ...) $0.01 per 1,000;
    /// GetMetricData $0.01 per 1,000 metrics requested; alarms $0.10 per standard-resolution
    /// alarm metric a month, $0.30 high-resolution, $0.50 per composite alarm. The free
    /// tier (10 alarm metrics, 1,000,000 API requests, not GetMetricData) is left out.
    public static let usEast1 = CloudWatchPriceList(
        metricTiers: [
            MetricTier(upTo: 10_000, usdPerMetric: 0.30),
            MetricTier(upTo: 250_000, usdPerMetric: 0.10),
            MetricTier(upTo: 1_000_000, usdPerMetric: 0.05),
            MetricTier(upTo: nil, usdPerMetric: 0.02),
        ],
        usdPerThousandRequests: 0.01,
        usdPerThousandMetricsRequested: 0.01,
        usdPerStandardAlarmMetric: 0.10,
        usdPerHighResolutionAlarmMetric: 0.30,
        usdPerCompositeAlarm: 0.50
    )

    /// The monthly charge for `metrics` custom metrics, each band at its own price.
    /// Metrics past a closed last band are charged at its price: a price list that
    /// stops early must not make metrics free.
    public func monthlyMetricCost(metrics: Int) -> Double {
        var remaining = max(0, metrics)
        var lowerBound = 0
        var cost = 0.0
        for tier in metricTiers where remaining > 0 {
            let width = tier.upTo.map { max(0, $0 - lowerBound) } ?? remaining
            let charged = min(remaining, width)
            cost += Double(charged) * tier.usdPerMetric
            remaining -= charged
            lowerBound = tier.upTo ?? lowerBound
        }
        if remaining > 0, let last = metricTiers.last { cost += Double(remaining) * last.usdPerMetric }
        return cost
    }

    public func monthlyRequestCost(requests: Int) -> Double {
        Double(max(0, requests)) / 1000 * usdPerThousandRequests
    }
}
