/// The `default` message: CloudWatch's own metric-alarm JSON, field for field and in
/// CloudWatch's order (reference §1.11, after aws-lambda-go's `CloudWatchAlarmSnsPayload`
/// and observed payloads), so that PagerDuty's, Opsgenie's and AWS Chatbot's CloudWatch
/// integrations accept a druidwatch alarm as if CloudWatch had sent it.
public enum CloudWatchAlarmJSON {
    public static func render(_ change: MetricAlarmStateChange) -> String {
        var json = OrderedJSONWriter()
        json.beginObject()
        json.string("AlarmName", change.alarmName)
        json.string("AlarmDescription", change.alarmDescription)
        json.string("AWSAccountId", change.accountID)
        if let updated = change.configurationUpdatedAt {
            json.string("AlarmConfigurationUpdatedTimestamp", NotificationTimestampText.json(updated))
        }
        json.string("NewStateValue", change.newState.rawValue)
        json.string("NewStateReason", change.reason)
        json.string("StateChangeTime", NotificationTimestampText.json(change.stateChangedAt))
        json.string("Region", change.regionDisplayName)
        json.string("AlarmArn", change.alarmARN)
        json.string("OldStateValue", change.oldState.rawValue)
        json.stringArray("OKActions", change.okActions)
        json.stringArray("AlarmActions", change.alarmActions)
        json.stringArray("InsufficientDataActions", change.insufficientDataActions)
        if let composite = change.composite {
            writeComposite(composite, to: &json)
        } else if change.trigger.mathMetrics.isEmpty {
            writeTrigger(change.trigger, to: &json)
        } else {
            writeMathTrigger(change.trigger, to: &json)
        }
        json.endObject()
        return json.text
    }

    private static func writeTrigger(_ trigger: MetricAlarmTrigger, to json: inout OrderedJSONWriter) {
        let configuration = trigger.configuration
        json.beginObject("Trigger")
        json.string("MetricName", trigger.metricName)
        json.string("Namespace", trigger.namespace)
        json.string("StatisticType", trigger.statistic.statisticType)
        if let statistic = trigger.statistic.upperSnakeCaseName {
            json.string("Statistic", statistic)
        } else {
            json.string("ExtendedStatistic", trigger.statistic.name)
        }
        json.string("Unit", trigger.unit)
        writeDimensions(trigger.dimensions, to: &json)
        json.number("Period", configuration.periodSeconds)
        json.number("EvaluationPeriods", configuration.evaluationPeriods)
        json.number("DatapointsToAlarm", configuration.datapointsToAlarm)
        json.string("ComparisonOperator", configuration.comparison.rawValue)
        // Java's Double.toString: always a float (`80.0`), `1.0E7` for large values;
        // both are valid JSON numbers. The threshold is finite by construction.
        json.number("Threshold", literal: CloudWatchNumberText.format(configuration.threshold))
        json.string("TreatMissingData", configuration.treatMissingData.rawValue)
        json.string("EvaluateLowSampleCountPercentile", "")
        json.endObject()
    }

    /// A composite's rule and the children that made it change, in place of `Trigger`.
    private static func writeComposite(_ composite: CompositeAlarmDetails, to json: inout OrderedJSONWriter) {
        json.string("AlarmRule", composite.alarmRule)
        json.beginArray("TriggeringChildren")
        for child in composite.triggeringChildren {
            json.beginObject()
            json.string("Arn", child.arn)
            json.beginObject("State")
            json.string("Value", child.state.rawValue)
            json.string("Timestamp", NotificationTimestampText.json(child.timestamp))
            json.endObject()
            json.endObject()
        }
        json.endArray()
    }

    /// A math alarm's `Trigger`: the judging fields, then `Metrics` (observed order, §1.11).
    private static func writeMathTrigger(_ trigger: MetricAlarmTrigger, to json: inout OrderedJSONWriter) {
        let configuration = trigger.configuration
        json.beginObject("Trigger")
        json.number("Period", configuration.periodSeconds)
        json.number("EvaluationPeriods", configuration.evaluationPeriods)
        json.number("DatapointsToAlarm", configuration.datapointsToAlarm)
        json.string("ComparisonOperator", configuration.comparison.rawValue)
        json.number("Threshold", literal: CloudWatchNumberText.format(configuration.threshold))
        json.string("TreatMissingData", configuration.treatMissingData.rawValue)
        json.string("EvaluateLowSampleCountPercentile", "")
        json.beginArray("Metrics")
        for query in trigger.mathMetrics {
            json.beginObject()
            json.string("Id", query.id)
            if let expression = query.expression { json.string("Expression", expression) }
            if let label = query.label { json.string("Label", label) }
            json.number("ReturnData", literal: query.returnData ? "true" : "false")
            if let metric = query.metric {
                json.beginObject("MetricStat")
                json.beginObject("Metric")
                writeDimensions(metric.dimensions, to: &json)
                json.string("MetricName", metric.metricName)
                json.string("Namespace", metric.namespace)
                json.endObject()
                if let period = query.periodSeconds { json.number("Period", period) }
                if let stat = query.stat { json.string("Stat", stat) }
                json.endObject()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
    }

    /// Lower-case keys, value first: CloudWatch's order, unlike the API's Name/Value.
    private static func writeDimensions(_ dimensions: [MetricDimension], to json: inout OrderedJSONWriter) {
        json.beginArray("Dimensions")
        for dimension in dimensions {
            json.beginObject()
            json.string("value", dimension.value)
            json.string("name", dimension.name)
            json.endObject()
        }
        json.endArray()
    }
}
