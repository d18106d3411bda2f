import DruidWatchCore
import Foundation
import Testing

@Suite struct DirectFeedBatchTests {
    let t0 = AlarmRuleFixtures.t0

    @Test func aBatchRoundTripsEveryValueShape() throws {
        let batch = DirectFeedBatch(namespace: "Druid", datums: [
            DirectFeedDatum(metricName: "a", dimensions: [MetricDimension("Service", "druid/broker")], timestamp: t0, periodSeconds: 60, value: .single(3), unit: .count),
            DirectFeedDatum(metricName: "b", dimensions: [], timestamp: t0, periodSeconds: 60, value: .statistics(StatisticSet(sampleCount: 2, sum: 5, minimum: 1, maximum: 4)), unit: .milliseconds),
            DirectFeedDatum(metricName: "c", dimensions: [], timestamp: t0, periodSeconds: 60, value: .distribution(values: [1, 2], counts: [3, 4])),
        ])
        let decoded = try DirectFeedBatch.decode(try batch.encoded())
        #expect(decoded.batch == batch)
        #expect(decoded.skipped == 0)
    }

    @Test func aBadDatumIsSkippedAndCountedNotTheBatch() throws {
        let json = """
        {"namespace":"Druid","datums":[
          {"metricName":"ok","dimensions":[],"timestamp":\(t0),"periodSeconds":60,"value":{"single":1},"unit":"Count"},
          {"metricName":"noValue","dimensions":[],"timestamp":\(t0),"periodSeconds":60,"value":{},"unit":"Count"},
          {"metricName":"offGrid","dimensions":[],"timestamp":\(t0 + 7),"periodSeconds":60,"value":{"single":1}},
          {"metricName":"badUnit","dimensions":[],"timestamp":\(t0),"periodSeconds":60,"value":{"single":1},"unit":"Furlongs"},
          {"metricName":"lengths","dimensions":[],"timestamp":\(t0),"periodSeconds":60,"value":{"values":[1,2],"counts":[1]}},
          {"dimensions":[],"timestamp":\(t0),"periodSeconds":60,"value":{"single":1}},
          "not an object"
        ]}
        """
        let decoded = try DirectFeedBatch.decode(Data(json.utf8))
        #expect(decoded.batch.datums.map(\.metricName) == ["ok"])
        #expect(decoded.skipped == 6)
        #expect(decoded.skipReasons.count == 5)
        #expect(decoded.skipReasons[0].hasPrefix("datums[1]"))
    }

    @Test func aBatchThatIsNotJSONOrTooLargeIsRefused() throws {
        #expect(throws: DirectFeedDecodingError.self) { try DirectFeedBatch.decode(Data("{".utf8)) }
        #expect(throws: DirectFeedDecodingError.self) { try DirectFeedBatch.decode(Data(#"{"datums":[]}"#.utf8)) }
        #expect(throws: DirectFeedDecodingError.tooLarge(bytes: DirectFeedBatch.maximumBytes + 1)) {
            try DirectFeedBatch.decode(Data(count: DirectFeedBatch.maximumBytes + 1))
        }
        let many = (0...DirectFeedBatch.maximumDatums).map { _ in #"{"metricName":"a","dimensions":[],"timestamp":0,"periodSeconds":60,"value":{"single":1}}"# }
        #expect(throws: DirectFeedDecodingError.tooManyDatums(1001)) {
            try DirectFeedBatch.decode(Data(#"{"namespace":"N","datums":[\#(many.joined(separator: ","))]}"#.utf8))
        }
    }

    @Test func theAgentsDatumsAreSplitWithinTheBoundsAndNonFiniteOnesLeftOut() throws {
        let datums = (0..<2500).map { index in
            MetricDatum(metricName: "m\(index)", dimensions: [], timestamp: Date(timeIntervalSince1970: Double(t0)), value: .single(index == 7 ? .nan : 1), unit: .count)
        }
        let batches = DirectFeedBatch.batches(namespace: "Druid", datums: datums, periodSeconds: 60)
        #expect(batches.map(\.datums.count) == [1000, 1000, 499])
        for batch in batches { #expect(try batch.encoded().count <= DirectFeedBatch.maximumBytes) }
    }

    @Test func theTokenIsCheckedAsABearer() throws {
        let token = try #require(DirectFeedToken(" s3cret\n"))
        #expect(token.accepts(authorizationHeader: "Bearer s3cret"))
        #expect(token.accepts(authorizationHeader: "bearer s3cret"))
        #expect(!token.accepts(authorizationHeader: "Bearer s3cre"))
        #expect(!token.accepts(authorizationHeader: "Bearer s3cretx"))
        #expect(!token.accepts(authorizationHeader: "Basic s3cret"))
        #expect(!token.accepts(authorizationHeader: nil))
        #expect(DirectFeedToken("  \n") == nil)
    }
}

@Suite struct DirectFeedIngestTests {
    typealias F = AlarmRuleFixtures
    let t0 = AlarmRuleFixtures.t0
    static let broker = F.series("query/time", ["InstanceId": "i-1", "Service": "druid/broker"])

    private func rule(_ name: String, _ statistic: AlarmStatistic, period: Int = 300, n: Int = 1, threshold: Double = 5) throws -> AlarmRuleDefinition {
        F.metricRule(name, metrics: [F.query("query/time", statistic: statistic, ["Service": "druid/broker"])], configuration: try F.configuration(period: period, n: n, threshold: threshold))
    }

    private func datum(_ offset: Int, _ value: MetricDatumValue, period: Int = 60) -> DirectFeedDatum {
        DirectFeedDatum(metricName: "query/time", dimensions: Self.broker.dimensions, timestamp: t0 + offset, periodSeconds: period, value: value, unit: .milliseconds)
    }

    private func value(_ state: EvaluatorState, _ stat: String, period: Int = 300, slot: Int) -> Double? {
        state.series[SeriesRequest(metric: Self.broker, stat: stat, periodSeconds: period)]?.value(at: slot)
    }

    @Test func sixtySecondDatumsCombineIntoAFiveMinutePeriod() throws {
        let rules = AlarmRuleSet([
            try rule("Sum", .sum), try rule("Avg", .average), try rule("Min", .minimum), try rule("Max", .maximum), try rule("Count", .sampleCount),
        ])
        var state = EvaluatorState()
        // Two posts (two agents' or two minutes'), in shapes the agent sends.
        let first = DirectFeedBatch(namespace: "Druid", datums: [
            datum(0, .statistics(StatisticSet(sampleCount: 4, sum: 40, minimum: 2, maximum: 20))),
            datum(60, .single(7)),
        ])
        let second = DirectFeedBatch(namespace: "Druid", datums: [
            datum(120, .distribution(values: [1, 30], counts: [2, 1])),
            datum(300, .single(100)),  // the next period
        ])
        let now = F.date(t0 + 400)
        var report = DirectFeedIngest.ingest(first, rules: rules, into: &state, now: now)
        #expect(report.used == 2)
        report = DirectFeedIngest.ingest(second, rules: rules, into: &state, now: now)
        #expect(report.used == 2)
        #expect(report.values == 10)
        #expect(value(state, "Sum", slot: t0) == 79)
        #expect(value(state, "SampleCount", slot: t0) == 8)
        #expect(value(state, "Average", slot: t0) == 79.0 / 8)
        #expect(value(state, "Minimum", slot: t0) == 1)
        #expect(value(state, "Maximum", slot: t0) == 30)
        #expect(value(state, "Sum", slot: t0 + 300) == 100)
        // The series is known to the rules without ListMetrics.
        #expect(state.discovered["Sum"]?.series == [Self.broker])
    }

    @Test func aPercentileComesFromTheMergedDistributionOrIsLeftToGetMetricData() throws {
        let rules = AlarmRuleSet([try rule("P90", .extended("p90")), try rule("P50", .extended("p50"))])
        var state = EvaluatorState()
        let batch = DirectFeedBatch(namespace: "Druid", datums: [
            datum(0, .distribution(values: [1, 2, 3], counts: [5, 3, 1])),
            datum(60, .distribution(values: [10], counts: [1])),
        ])
        _ = DirectFeedIngest.ingest(batch, rules: rules, into: &state, now: F.date(t0 + 400))
        // Ten samples: 1×5, 2×3, 3, 10. Nearest rank 9 is 3, rank 5 is 1.
        #expect(value(state, "p90", slot: t0) == 3)
        #expect(value(state, "p50", slot: t0) == 1)

        // A statistic set carries no distribution: the period is not fed.
        var other = EvaluatorState()
        _ = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [
            datum(0, .single(1)), datum(60, .statistics(StatisticSet(sampleCount: 2, sum: 2, minimum: 1, maximum: 1))),
        ]), rules: rules, into: &other, now: F.date(t0 + 400))
        #expect(value(other, "p90", slot: t0) == nil)
        // Left to GetMetricData: the period counts as unread again.
        #expect(other.series[SeriesRequest(metric: Self.broker, stat: "p90", periodSeconds: 300)]?.readUntil == t0)
        _ = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [datum(300, .statistics(StatisticSet(sampleCount: 2, sum: 2, minimum: 1, maximum: 1)))]),
                                    rules: rules, into: &other, now: F.date(t0 + 400))
        #expect(value(other, "p90", slot: t0 + 300) == nil)
        #expect(other.series[SeriesRequest(metric: Self.broker, stat: "p90", periodSeconds: 300)]?.readUntil == t0)
    }

    @Test func datumsNoRuleReadsOrOutOfTheWindowAreCounted() throws {
        let rules = AlarmRuleSet([try rule("Sum", .sum, period: 30)])
        var state = EvaluatorState()
        let report = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [
            datum(0, .single(1)),  // a 60 s datum cannot feed a 30 s period
            datum(-4 * 3600, .single(1)),
            datum(3600, .single(1)),
        ]), rules: rules, into: &state, now: F.date(t0 + 100))
        #expect(report.unread == 1)
        #expect(report.outOfWindow == 2)
        #expect(state.series.isEmpty)
    }

    @Test func aFedSeriesIsNotReadFromCloudWatchWhileTheFeedIsLive() throws {
        let rules = AlarmRuleSet([try rule("Sum", .sum, n: 3)])
        let evaluator = RuleSetEvaluator(rules: rules, readDelaySeconds: 60)
        var state = EvaluatorState()
        state.discovered["Sum"] = DiscoveredSeries(series: [Self.broker], at: F.date(t0))
        // The first cycle backfills from CloudWatch.
        let reads = evaluator.dueReads(state: state, now: F.date(t0 + 60))
        #expect(reads.count == 1)
        for batch in MetricReadPlanner.batches(reads) {
            RuleSetEvaluator.record(batch.queries.map { F.result($0.id, []) }, of: batch, into: &state)
        }
        // Then the feed brings every minute of the next period.
        for minute in 0..<5 {
            _ = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [datum(minute * 60, .single(2))]), rules: rules, into: &state, now: F.date(t0 + minute * 60 + 65))
        }
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 360)).isEmpty)
        #expect(value(state, "Sum", slot: t0) == 10)
        // The feed stops: the next period is read again, from two periods back.
        #expect(evaluator.dueReads(state: state, now: F.date(t0 + 660)) == [
            SeriesRead(request: SeriesRequest(metric: Self.broker, stat: "Sum", periodSeconds: 300), start: t0 - 300, end: t0 + 600),
        ])
    }

    @Test func fedSeriesSurviveARediscoveryThatDoesNotListThemYet() throws {
        let rules = AlarmRuleSet([try rule("Sum", .sum)])
        var state = EvaluatorState()
        _ = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [datum(0, .single(1))]), rules: rules, into: &state, now: F.date(t0 + 70))
        state.discovered["Sum"] = DiscoveredSeries(series: [], at: F.date(t0 + 80))
        DirectFeedIngest.rememberFedSeries(rules: rules, in: &state, now: F.date(t0 + 80))
        #expect(state.discovered["Sum"]?.series == [Self.broker])
        DirectFeedIngest.rememberFedSeries(rules: rules, in: &state, now: F.date(t0 + 3600))
        #expect(state.discovered["Sum"]?.series == [Self.broker])
        state.discovered["Sum"] = DiscoveredSeries(series: [], at: F.date(t0 + 3600))
        DirectFeedIngest.rememberFedSeries(rules: rules, in: &state, now: F.date(t0 + 3600))
        #expect(state.discovered["Sum"]?.series == [])
    }

    @Test func theFeedsStateSurvivesTheStateFile() throws {
        let rules = AlarmRuleSet([try rule("P90", .extended("p90")), try rule("Avg", .average)])
        var state = EvaluatorState()
        _ = DirectFeedIngest.ingest(DirectFeedBatch(namespace: "Druid", datums: [datum(0, .distribution(values: [1.5, 3], counts: [2, 1]))]),
                                    rules: rules, into: &state, now: F.date(t0 + 100))
        let decoded = try JSONDecoder().decode(EvaluatorState.self, from: try JSONEncoder().encode(state))
        #expect(decoded.directFeed == state.directFeed)
        #expect(decoded.series == state.series)
        // A state file written before the feed existed still reads.
        let old = try JSONDecoder().decode(EvaluatorState.self, from: try JSONEncoder().encode(EvaluatorState()))
        #expect(old.directFeed == nil)
    }
}
