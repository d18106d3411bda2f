import DruidWatchCore
import Testing

/// Which CloudWatch series a rule's metric reads.
@Suite struct RuleMetricQueryTests {
    private let query = RuleMetricQuery(
        id: "m1", namespace: "Druid", metricName: "query/time", statistic: .extended("p99"),
        dimensions: [
            DimensionMatcher(name: "Cluster", value: "prod-druid"),
            DimensionMatcher(name: "Service", value: "druid/broker"),
            DimensionMatcher(name: "dataSource", value: nil),
        ]
    )

    private func series(namespace: String = "Druid", name: String = "query/time", _ dimensions: [(String, String)]) -> MetricIdentity {
        MetricIdentity(namespace: namespace, metricName: name, dimensions: dimensions.map { MetricDimension($0.0, $0.1) })
    }

    @Test func aWildcardMatchesAnyValue() {
        #expect(query.matches(series([("Cluster", "prod-druid"), ("Service", "druid/broker"), ("dataSource", "wikipedia")])))
        #expect(query.matches(series([("dataSource", "koalas"), ("Service", "druid/broker"), ("Cluster", "prod-druid")])))
    }

    @Test func extraDimensionsAreAllowed() {
        #expect(query.matches(series([
            ("Cluster", "prod-druid"), ("Service", "druid/broker"), ("dataSource", "wikipedia"),
            ("InstanceId", "i-0abc"), ("AutoScalingGroupName", "brokers"),
        ])))
    }

    @Test func aWildcardDimensionMustStillBePresent() {
        #expect(!query.matches(series([("Cluster", "prod-druid"), ("Service", "druid/broker")])))
    }

    @Test func aFixedValueMustBeEqual() {
        #expect(!query.matches(series([("Cluster", "prod-druid"), ("Service", "druid/historical"), ("dataSource", "wikipedia")])))
        #expect(!query.matches(series([("Cluster", "test-druid"), ("Service", "druid/broker"), ("dataSource", "wikipedia")])))
        #expect(!query.matches(series([("Cluster", "prod-druid"), ("Service", "Druid/Broker"), ("dataSource", "wikipedia")])))
    }

    @Test func theNamespaceAndNameMustBeEqual() {
        let dimensions = [("Cluster", "prod-druid"), ("Service", "druid/broker"), ("dataSource", "wikipedia")]
        #expect(!query.matches(series(namespace: "Druid/Staging", dimensions)))
        #expect(!query.matches(series(namespace: "druid", dimensions)))
        #expect(!query.matches(series(name: "query/time/p99", dimensions)))
    }

    @Test func aQueryWithoutDimensionsMatchesEverySeriesOfTheMetric() {
        let any = RuleMetricQuery(id: "m1", namespace: "AWS/RDS", metricName: "CPUUtilization", statistic: .average)
        #expect(any.matches(series(namespace: "AWS/RDS", name: "CPUUtilization", [])))
        #expect(any.matches(series(namespace: "AWS/RDS", name: "CPUUtilization", [("DBInstanceIdentifier", "meta")])))
    }

    @Test func onlyFixedDimensionsCanFilterAListing() {
        #expect(query.fixedDimensions == [MetricDimension("Cluster", "prod-druid"), MetricDimension("Service", "druid/broker")])
    }
}
