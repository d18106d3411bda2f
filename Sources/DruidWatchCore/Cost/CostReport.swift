import Foundation

/// The cost estimate as `druidwatch cost` prints it for people.
public enum CostReport {
    public static func render(_ estimate: CostEstimate, fleet: FleetLayout, prices: CloudWatchPriceList) -> String {
        let fleetText = ClusterTier.allCases.map { "\($0.rawValue)=\(fleet.nodeCount($0))" }.joined(separator: " ")
        var lines = ["CloudWatch cost estimate for \(fleetText)", "prices: " + describe(prices), ""]

        let header = ["tier", "hosts", "metrics/host", "distinct metrics", "requests/month", "$/month"]
        var rows: [[String]] = estimate.lines.map { line in
            [line.tier, line.tier == "shared" ? "-" : CostFormatting.count(line.hosts),
             line.tier == "shared" ? "-" : CostFormatting.count(line.metricsPerHost),
             CostFormatting.count(line.distinctMetrics), CostFormatting.count(line.requestsPerMonth), CostFormatting.dollars(line.usdPerMonth)]
        }
        rows.append(["total", CostFormatting.count(estimate.lines.reduce(0) { $0 + $1.hosts }), "",
                     CostFormatting.count(estimate.distinctMetrics), CostFormatting.count(estimate.requestsPerMonth),
                     CostFormatting.dollars(estimate.totalUSDPerMonth)])
        lines += CostFormatting.table(header: header, rows: rows)
        lines.append("")
        lines.append("metrics \(CostFormatting.dollars(estimate.metricUSDPerMonth)) + PutMetricData \(CostFormatting.dollars(estimate.requestUSDPerMonth)) a month")
        lines.append("by source: " + estimate.metricsBySource.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .map { "\($0.key) \(CostFormatting.count($0.value))" }.joined(separator: ", "))
        if !estimate.topMetrics.isEmpty {
            lines.append("")
            lines.append("top metrics (distinct metrics each):")
            lines += contributors(estimate.topMetrics)
        }
        if !estimate.topDimensions.isEmpty {
            lines.append("")
            lines.append("top dimensions (metrics that would go if each were left out):")
            lines += contributors(estimate.topDimensions)
        }
        lines.append("")
        lines.append("notes:")
        lines += estimate.notes.map { "  - " + $0 }
        return lines.joined(separator: "\n")
    }

    static func describe(_ prices: CloudWatchPriceList) -> String {
        var bands: [String] = []
        var previous = 0
        for tier in prices.metricTiers {
            let price = CostFormatting.dollars(tier.usdPerMetric)
            if let upTo = tier.upTo {
                bands.append("\(price) up to \(CostFormatting.count(upTo))")
                previous = upTo
            } else {
                bands.append("\(price) beyond \(CostFormatting.count(previous))")
            }
        }
        return "metric-month " + bands.joined(separator: ", ") + "; PutMetricData \(CostFormatting.dollars(prices.usdPerThousandRequests)) per 1,000 requests"
    }

    private static func contributors(_ list: [CostEstimate.Contributor]) -> [String] {
        let width = list.map(\.name.count).max() ?? 0
        let countWidth = list.map { CostFormatting.count($0.metrics).count }.max() ?? 0
        return list.map {
            let count = CostFormatting.count($0.metrics)
            return "  " + $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + String(repeating: " ", count: countWidth - count.count) + count + "  " + CostFormatting.percent($0.share)
        }
    }
}
