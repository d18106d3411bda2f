/// The parts of a CloudWatch metric alarm (PutMetricAlarm) that decide its state:
/// period, N, M, threshold, comparison and missing-data treatment. Built only through
/// the validating initializer, so an evaluator never sees M > N or a period CloudWatch
/// would refuse.
public struct MetricAlarmConfiguration: Sendable, Hashable {
    /// Length of one datapoint's period in seconds: 10, 20, 30 or a multiple of 60.
    public let periodSeconds: Int
    /// N: how many of the most recent datapoints are considered.
    public let evaluationPeriods: Int
    /// M: how many of those N must breach for ALARM. Equals N when not given.
    public let datapointsToAlarm: Int
    /// Whether M was given. CloudWatch words its state reasons differently for the two
    /// ("2 out of the last 3 datapoints … (minimum 2 datapoints for OK -> ALARM
    /// transition)" versus "3 datapoints [...] were …"), so the reason keeps the choice.
    public let datapointsToAlarmIsExplicit: Bool
    public let threshold: Double
    public let comparison: ComparisonOperator
    public let treatMissingData: TreatMissingData

    public init(
        periodSeconds: Int,
        evaluationPeriods: Int,
        datapointsToAlarm: Int? = nil,
        threshold: Double,
        comparison: ComparisonOperator,
        treatMissingData: TreatMissingData = .missing
    ) throws(AlarmConfigurationError) {
        guard [10, 20, 30].contains(periodSeconds) || (periodSeconds > 0 && periodSeconds % 60 == 0) else {
            throw .invalidPeriod(periodSeconds)
        }
        guard evaluationPeriods >= 1 else { throw .invalidEvaluationPeriods(evaluationPeriods) }
        // CloudWatch's limits on the evaluated span: a week, or a day for periods under an hour.
        let span = periodSeconds * evaluationPeriods
        let spanLimit = periodSeconds < 3600 ? 86_400 : 604_800
        guard span <= spanLimit else {
            throw .evaluationSpanTooLong(seconds: span, limit: spanLimit)
        }
        let m = datapointsToAlarm ?? evaluationPeriods
        guard (1...evaluationPeriods).contains(m) else {
            throw .invalidDatapointsToAlarm(m, evaluationPeriods: evaluationPeriods)
        }
        guard threshold.isFinite else { throw .nonFiniteThreshold }
        self.periodSeconds = periodSeconds
        self.evaluationPeriods = evaluationPeriods
        self.datapointsToAlarm = m
        self.datapointsToAlarmIsExplicit = datapointsToAlarm != nil
        self.threshold = threshold
        self.comparison = comparison
        self.treatMissingData = treatMissingData
    }
}
