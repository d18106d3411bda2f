/// The evaluator's cost estimate as `druidwatch cost --rules` prints it.
public enum EvaluatorCostReport {
    public static func render(_ estimate: EvaluatorCostEstimate, fleet: AlarmSeriesFleet, prices: CloudWatchPriceList, discoveryIntervalSeconds: Int) -> String {
        let nodes = ClusterTier.allCases.map { "\($0.rawValue)=\(fleet.layout.nodeCount($0))" }.joined(separator: " ")
        var lines = [
            "Alarm rules: evaluator API cost beside native CloudWatch alarms, a month, for \(nodes), "
                + "\(fleet.cardinalities.dataSources) dataSources",
            "prices: GetMetricData \(CostFormatting.dollars(prices.usdPerThousandMetricsRequested)) per 1,000 metrics requested; "
                + "ListMetrics \(CostFormatting.dollars(prices.usdPerThousandRequests)) per 1,000 requests; alarm metric "
                + "\(CostFormatting.dollars(prices.usdPerStandardAlarmMetric)) (high resolution \(CostFormatting.dollars(prices.usdPerHighResolutionAlarmMetric))), "
                + "composite alarm \(CostFormatting.dollars(prices.usdPerCompositeAlarm))",
            "",
        ]
        let header = ["rule", "period", "groups", "series", "native alarm metrics", "native $/month"]
        let rows = estimate.rules.map { rule in
            [rule.name, "\(rule.periodSeconds) s", CostFormatting.count(rule.groups), CostFormatting.count(rule.seriesRead),
             CostFormatting.count(rule.nativeAlarmMetrics), CostFormatting.dollars(rule.nativeUSDPerMonth)]
        }
        lines += CostFormatting.table(header: header, rows: rows)
        lines.append("")
        let periods = estimate.distinctSeriesByPeriod.sorted { $0.key < $1.key }
            .map { "\(CostFormatting.count($0.value)) at \($0.key) s" }.joined(separator: ", ")
        lines.append("evaluator:")
        lines.append("  distinct series read: \(CostFormatting.count(estimate.distinctSeries)) (\(periods)); "
            + "the rules name \(CostFormatting.count(estimate.seriesReadByRules)), shared series are read once")
        lines.append("  GetMetricData: \(CostFormatting.count(estimate.getMetricDataMetricsPerMonth)) metrics requested "
            + "(\(CostFormatting.count(estimate.getMetricDataCallsPerMonth)) calls of ≤ 500) = \(CostFormatting.dollars(estimate.getMetricDataUSDPerMonth))")
        lines.append("  ListMetrics: \(CostFormatting.count(estimate.listMetricsListings)) listings every \(discoveryIntervalSeconds) s = "
            + "\(CostFormatting.count(estimate.listMetricsRequestsPerMonth)) requests = \(CostFormatting.dollars(estimate.listMetricsUSDPerMonth))")
        lines.append("  total: \(CostFormatting.dollars(estimate.evaluatorUSDPerMonth)) a month")
        lines.append("native CloudWatch alarms (one per group; a group of k series is a math alarm over k metrics):")
        lines.append("  \(CostFormatting.count(estimate.nativeMetricAlarms)) metric alarms reading \(CostFormatting.count(estimate.nativeAlarmMetrics)) "
            + "alarm metrics (\(CostFormatting.count(estimate.nativeHighResolutionAlarmMetrics)) high resolution), "
            + "\(estimate.nativeCompositeAlarms) composite alarm(s)")
        lines.append("  total: \(CostFormatting.dollars(estimate.nativeUSDPerMonth)) a month")
        if let ratio = estimate.nativeToEvaluatorRatio {
            let tenths = Int((ratio * 10).rounded())
            lines.append("ratio native / evaluator: \(tenths / 10).\(tenths % 10)x")
        }
        lines.append("")
        lines.append("notes:")
        let breakEven = Double(EvaluatorCostEstimate.secondsPerMonth) * prices.usdPerThousandMetricsRequested / 1000 / prices.usdPerStandardAlarmMetric
        lines.append("  - per series, reading it every period costs more than a standard alarm metric for periods under \(Int(breakEven.rounded())) s "
            + "(a 60 s series: \(CostFormatting.dollars(Double(EvaluatorCostEstimate.secondsPerMonth / 60) * prices.usdPerThousandMetricsRequested / 1000)) a month)")
        lines.append("  - series are made up from the fleet: each metric query matches one series per combination of its own dimensions' values "
            + "(instances running the service it names, \(fleet.cardinalities.dataSources) dataSources, one load balancer/target group/DB cluster)")
        lines.append("  - not counted: the free tier (10 alarm metrics, 1,000,000 API requests), the evaluator's host, SNS deliveries")
        return lines.joined(separator: "\n")
    }
}
