/// `NewStateReason` texts in the formats CloudWatch was observed to write (reference
/// §1.5, reason-string table, and public payload samples). Consumers parse these
/// (chat bots, ticket rules), so the wording, singulars and plurals follow CloudWatch's.
enum AlarmStateReason {
    /// "Insufficient Data: 5 datapoints were unknown."
    static func insufficientData(unknownCount: Int) -> String {
        "Insufficient Data: \(count(unknownCount, "datapoint")) \(unknownCount == 1 ? "was" : "were") unknown."
    }

    /// The reason for an OK or ALARM decision. It lists the real datapoints on the side of
    /// the decision (breaching ones for ALARM, the others for OK), newest first.
    static func thresholdCrossed(
        into state: AlarmState,
        configuration: MetricAlarmConfiguration,
        evaluated: [EvaluatedDatapoint],
        filledCount: Int
    ) -> String {
        let intoAlarm = state == .alarm
        let listed = evaluated.filter { $0.value != nil && $0.isBreaching == intoAlarm }
        let n = configuration.evaluationPeriods
        var fills = ""
        if filledCount > 0, let label = configuration.treatMissingData.reasonLabel {
            fills = " and \(count(filledCount, "missing datapoint")) \(filledCount == 1 ? "was" : "were") treated as [\(label)]"
        }

        // Only fills decided: CloudWatch then says how many periods had data at all.
        if listed.isEmpty, !fills.isEmpty {
            let received = evaluated.count - filledCount
            let subject = received == 0 ? "no datapoints were" : "\(count(received, "datapoint")) \(received == 1 ? "was" : "were")"
            return "Threshold Crossed: \(subject) received for \(count(n, "period"))\(fills)."
        }

        let values = "[" + listed.map { datapoint in
            CloudWatchNumberText.format(datapoint.value ?? 0) + " (" + ReasonTimestampText.format(datapoint.timestamp) + ")"
        }.joined(separator: ", ") + "]"
        let verb = listed.count == 1 ? "was" : "were"
        let comparison = (intoAlarm ? "" : "not ") + configuration.comparison.reasonWording
        let threshold = "the threshold (\(CloudWatchNumberText.format(configuration.threshold)))"

        guard configuration.datapointsToAlarmIsExplicit else {
            return "Threshold Crossed: \(count(listed.count, "datapoint")) \(values) \(verb) \(comparison) \(threshold)\(fills)."
        }
        // OK needs enough good points that fewer than M can breach: N − M + 1.
        let minimum = intoAlarm ? configuration.datapointsToAlarm : n - configuration.datapointsToAlarm + 1
        let transition = intoAlarm ? "OK -> ALARM" : "ALARM -> OK"
        return "Threshold Crossed: \(listed.count) out of the last \(n) datapoints \(values) \(verb) \(comparison) \(threshold)\(fills)"
            + " (minimum \(count(minimum, "datapoint")) for \(transition) transition)."
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
