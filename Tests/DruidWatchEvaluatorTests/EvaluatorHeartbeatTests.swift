import DruidWatchCore
import DruidWatchEvaluator
import Foundation
import Testing

@Suite struct EvaluatorHeartbeatTests {
    let time = Date(timeIntervalSince1970: 1_767_225_600)

    @Test func aCycleThatReadCloudWatchIsOnePulseWithTheFiringCount() {
        var report = CycleReport()
        report.firing = 3
        let datums = EvaluatorHeartbeat.datums(report, cluster: "prod-druid", at: time)
        #expect(datums.map(\.metricName) == ["druidwatch/evaluator/cycles", "druidwatch/evaluator/firing"])
        #expect(datums.map(\.value) == [.single(1), .single(3)])
        #expect(datums.allSatisfy { $0.dimensions == [MetricDimension("Cluster", "prod-druid")] && $0.timestamp == time })
    }

    @Test func aBlindCycleIsNoPulse() {
        var report = CycleReport()
        report.readFailure = "timed out"
        #expect(EvaluatorHeartbeat.datums(report, cluster: "prod-druid", at: time).isEmpty)
    }
}
