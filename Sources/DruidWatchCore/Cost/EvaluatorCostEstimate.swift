/// What evaluating a rule set costs a month in CloudWatch API charges, beside what the
/// same rules would cost as native CloudWatch alarms.
///
/// The evaluator's figure follows its own code: the rules' series are grouped by
/// `SeriesGrouping` and turned into `SeriesRequest`s by `AlarmRuleSet.requests`, as the
/// evaluation cycle does, and each distinct request (series, statistic, period) is asked
/// for once per period, however many rules and groups share it (`dueReads`); the two
/// periods read again for late points are in the same query, and GetMetricData bills
/// metrics requested, not points. ListMetrics runs once per distinct (namespace, metric,
/// fixed dimensions) every discovery interval, one request per page of 500.
///
/// Native alarms cannot fan out: each group is one alarm, billed for every metric it
/// reads (a group combining k series with `across`, or an expression over several
/// metrics, is a math alarm over all of them); each composite is one composite alarm.
public struct EvaluatorCostEstimate: Sendable, Equatable {
    /// One metric rule's share.
    public struct Rule: Sendable, Equatable {
        public var name: String
        public var periodSeconds: Int
        /// Alarm states (groups) it fans out to: native alarms needed for it.
        public var groups: Int
        /// Series its groups read, counted for this rule alone.
        public var seriesRead: Int
        /// Metrics billed for its native alarms.
        public var nativeAlarmMetrics: Int
        public var nativeUSDPerMonth: Double
    }

    public var rules: [Rule]
    /// Distinct series requests (series, statistic, period) the evaluator reads.
    public var distinctSeries: Int
    /// Of them, by period in seconds.
    public var distinctSeriesByPeriod: [Int: Int]
    /// What the rules would read if each requested its own series: what the sharing saves.
    public var seriesReadByRules: Int
    public var getMetricDataMetricsPerMonth: Int
    /// Calls, ≤ 500 metrics each; not billed (GetMetricData is billed per metric).
    public var getMetricDataCallsPerMonth: Int
    public var listMetricsListings: Int
    public var listMetricsRequestsPerMonth: Int
    public var getMetricDataUSDPerMonth: Double
    public var listMetricsUSDPerMonth: Double
    public var evaluatorUSDPerMonth: Double { getMetricDataUSDPerMonth + listMetricsUSDPerMonth }

    public var nativeMetricAlarms: Int
    public var nativeAlarmMetrics: Int
    public var nativeHighResolutionAlarmMetrics: Int
    public var nativeCompositeAlarms: Int
    public var nativeUSDPerMonth: Double
    /// Native alarms' monthly cost divided by the evaluator's; nil when the evaluator's is 0.
    public var nativeToEvaluatorRatio: Double? { evaluatorUSDPerMonth > 0 ? nativeUSDPerMonth / evaluatorUSDPerMonth : nil }

    public static let secondsPerMonth = CostEstimator.hoursPerMonth * 3600
    /// ListMetrics returns at most 500 metrics a page.
    public static let listMetricsPageSize = 500

    public static func estimate(
        rules: AlarmRuleSet, series: (RuleMetricQuery) -> [MetricIdentity], prices: CloudWatchPriceList = .usEast1,
        discoveryIntervalSeconds: Int = 900, directFeedNamespace: String? = nil
    ) -> EvaluatorCostEstimate {
        var distinct: Set<SeriesRequest> = []
        var listings: [String: Set<MetricIdentity>] = [:]
        var ruleLines: [Rule] = []
        var seriesReadByRules = 0
        var nativeAlarms = 0, nativeMetrics = 0, nativeHighResolution = 0

        for (definition, rule) in rules.metricRules {
            var matched: [MetricIdentity] = []
            for query in rule.metrics {
                let listed = series(query)
                listings[listingKey(query), default: []].formUnion(listed)
                matched += listed.filter(query.matches)
            }
            var groups = Array(SeriesGrouping.groups(rule: rule, ruleName: definition.name, series: matched).values)
            // As the evaluator: a rule matching nothing keeps one group when it is not
            // fanned out or is a dead-man rule; natively it is one alarm on its metrics.
            let placeholder = groups.isEmpty && (rule.groupBy.isEmpty || rule.isDeadMan)
            if placeholder { groups = [[:]] }
            var read = 0, alarmMetrics = 0
            for members in groups {
                let requests = AlarmRuleSet.requests(for: rule, members: members).values.joined()
                distinct.formUnion(requests)
                read += requests.count
                alarmMetrics += max(requests.count, placeholder ? rule.metrics.count : 1)
            }
            let highResolution = rule.periodSeconds < 60
            let usd = Double(alarmMetrics) * (highResolution ? prices.usdPerHighResolutionAlarmMetric : prices.usdPerStandardAlarmMetric)
            ruleLines.append(Rule(name: definition.name, periodSeconds: rule.periodSeconds, groups: groups.count, seriesRead: read,
                                  nativeAlarmMetrics: alarmMetrics, nativeUSDPerMonth: usd))
            seriesReadByRules += read
            nativeAlarms += groups.count
            nativeMetrics += alarmMetrics
            if highResolution { nativeHighResolution += alarmMetrics }
        }

        // With the agents' direct feed, the series of their namespace arrive without
        // GetMetricData; only AWS service metrics (RDS, ALB) are still read.
        let read = distinct.filter { $0.namespace != directFeedNamespace }
        var byPeriod: [Int: Int] = [:]
        for request in read { byPeriod[request.periodSeconds, default: 0] += 1 }
        let metricsRequested = byPeriod.reduce(0) { $0 + $1.value * (secondsPerMonth / $1.key) }
        let listingsPerMonth = secondsPerMonth / max(1, discoveryIntervalSeconds)
        let pagesPerDiscovery = listings.values.reduce(0) { $0 + max(1, ($1.count + listMetricsPageSize - 1) / listMetricsPageSize) }
        let listRequests = pagesPerDiscovery * listingsPerMonth
        let composites = rules.rules.filter { $0.compositeRule != nil }.count
        let nativeUSD = ruleLines.reduce(0) { $0 + $1.nativeUSDPerMonth } + Double(composites) * prices.usdPerCompositeAlarm

        return EvaluatorCostEstimate(
            rules: ruleLines, distinctSeries: distinct.count, distinctSeriesByPeriod: byPeriod, seriesReadByRules: seriesReadByRules,
            getMetricDataMetricsPerMonth: metricsRequested, getMetricDataCallsPerMonth: callsPerMonth(byPeriod),
            listMetricsListings: listings.count, listMetricsRequestsPerMonth: listRequests,
            getMetricDataUSDPerMonth: Double(metricsRequested) / 1000 * prices.usdPerThousandMetricsRequested,
            listMetricsUSDPerMonth: prices.monthlyRequestCost(requests: listRequests),
            nativeMetricAlarms: nativeAlarms, nativeAlarmMetrics: nativeMetrics, nativeHighResolutionAlarmMetrics: nativeHighResolution,
            nativeCompositeAlarms: composites, nativeUSDPerMonth: nativeUSD
        )
    }

    /// The ListMetrics the evaluation cycle makes for a query: one per distinct key.
    static func listingKey(_ query: RuleMetricQuery) -> String {
        "\(query.namespace)\u{0}\(query.metricName)\u{0}\(query.fixedDimensions.sorted())"
    }

    /// GetMetricData calls a month: at the end of each period of each length, the series
    /// of every length that ends then are due together and packed 500 to a call.
    static func callsPerMonth(_ byPeriod: [Int: Int]) -> Int {
        guard !byPeriod.isEmpty else { return 0 }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let step = byPeriod.keys.reduce(0, gcd)
        // A day holds a whole number of every period CloudWatch allows under a day.
        let window = 86_400
        var calls = 0
        for t in stride(from: step, through: window, by: step) {
            let due = byPeriod.reduce(0) { $0 + (t % $1.key == 0 ? $1.value : 0) }
            calls += (due + MetricReadPlanner.maximumQueriesPerCall - 1) / MetricReadPlanner.maximumQueriesPerCall
        }
        return calls * secondsPerMonth / window
    }
}
