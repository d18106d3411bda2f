import DruidWatchCore
import Testing

@Suite("CloudWatch list prices")
struct CloudWatchPriceListTests {
    static let prices = CloudWatchPriceList.usEast1

    @Test("Each band is charged at its own price, boundaries included", arguments: [
        (0, 0.0),
        (1, 0.30),
        (10_000, 3_000.0),
        (10_001, 3_000.10),
        (250_000, 27_000.0),           // 3,000 + 240,000 × 0.10
        (250_001, 27_000.05),
        (1_000_000, 64_500.0),         // 27,000 + 750,000 × 0.05
        (1_000_001, 64_500.02),
        (2_000_000, 84_500.0),         // 64,500 + 1,000,000 × 0.02
    ])
    func metricBands(metrics: Int, dollars: Double) {
        #expect(abs(Self.prices.monthlyMetricCost(metrics: metrics) - dollars) < 1e-6)
    }

    @Test func requestsAreChargedPerThousand() {
        #expect(abs(Self.prices.monthlyRequestCost(requests: 43_800) - 0.438) < 1e-9)
        #expect(Self.prices.monthlyRequestCost(requests: 0) == 0)
    }

    @Test("A price list whose last band closes charges what lies beyond at that band's price")
    func closedLastBand() {
        let prices = CloudWatchPriceList(metricTiers: [.init(upTo: 100, usdPerMetric: 1), .init(upTo: 200, usdPerMetric: 0.5)], usdPerThousandRequests: 0)
        #expect(prices.monthlyMetricCost(metrics: 250) == 100 + 50 + 25)
    }

    @Test func formatting() {
        #expect(CostFormatting.count(0) == "0")
        #expect(CostFormatting.count(999) == "999")
        #expect(CostFormatting.count(1_000) == "1,000")
        #expect(CostFormatting.count(12_345_678) == "12,345,678")
        #expect(CostFormatting.dollars(3_000.1) == "$3,000.10")
        #expect(CostFormatting.dollars(0.005) == "$0.01")
        #expect(CostFormatting.percent(0.1234) == "12.3 %")
    }
}
