import DruidWatchCore
import Foundation
import Testing

/// From the dispatcher's group notification to the state change CloudWatch would have
/// published, and on to the SNS message.
@Suite struct GroupNotificationRendererTests {
    typealias F = AlarmRuleFixtures

    static let pageTopic = "arn:aws:sns:eu-west-1:123456789012:druid-page"
    static let ticketTopic = "arn:aws:sns:eu-west-1:123456789012:druid-ticket"

    private func renderer(base: String = "https://runbooks.example.com/alarms/runbooks", sendResolved: Bool = true) -> GroupNotificationRenderer {
        GroupNotificationRenderer(
            accountID: "123456789012", regionCode: "eu-west-1", cluster: "prod-druid", runbookBaseURL: base,
            topics: ["page": [Self.pageTopic], "ticket": [Self.ticketTopic]], sendResolved: sendResolved
        )
    }

    private func rule(severity: String = "page", description: String? = "Broker queries are failing.", dashboard: String? = "query") throws -> AlarmRuleDefinition {
        F.metricRule(
            "DruidQueryFailures", severity: severity, description: description,
            metrics: [F.query("query/failed/count", ["Cluster": "prod-druid", "Service": "druid/broker", "dataSource": nil])],
            groupBy: ["dataSource"], across: .sum,
            configuration: try F.configuration(period: 300, n: 5, m: 3, threshold: 5, missing: .notBreaching), dashboard: dashboard
        )
    }

    private func instance(_ dataSource: String, state: AlarmState = .alarm, value: Double? = 12) -> AlarmInstanceStatus {
        AlarmInstanceStatus(
            key: AlarmInstanceKey(ruleName: "DruidQueryFailures", group: [MetricDimension("dataSource", dataSource)]),
            severity: "page", state: state, since: F.date(F.t0),
            reason: "Threshold Crossed: 3 out of the last 5 datapoints were greater than the threshold (5.0) for \(dataSource).",
            value: value, threshold: 5
        )
    }

    private func firing(_ instances: [AlarmInstanceStatus], untracked: Int = 0) -> GroupNotification {
        GroupNotification(
            id: "DruidQueryFailures/\(F.t0)/1", ruleName: "DruidQueryFailures", severity: "page", state: .alarm, reason: .firing,
            firing: instances, resolved: [], untrackedFiringCount: untracked, stateChangedAt: F.date(F.t0)
        )
    }

    private var runbook: String { "https://runbooks.example.com/alarms/runbooks/DruidQueryFailures.md" }

    // MARK: States

    /// CloudWatch's OldStateValue is the state the alarm left: INSUFFICIENT_DATA when a
    /// new alarm's first data breaches, OK when it had been fine.
    @Test func theOldStateIsTheOneTheAlarmLeft() throws {
        func entered(from old: AlarmState?) -> AlarmInstanceStatus {
            let base = instance("wikipedia")
            return AlarmInstanceStatus(key: base.key, severity: base.severity, state: .alarm, since: base.since, reason: base.reason, value: base.value, threshold: base.threshold, enteredFrom: old)
        }
        #expect(renderer().stateChange(firing([entered(from: .insufficientData)]), rule: try rule()).oldState == .insufficientData)
        #expect(renderer().stateChange(firing([entered(from: .ok)]), rule: try rule()).oldState == .ok)
        #expect(renderer().stateChange(firing([entered(from: nil)]), rule: try rule()).oldState == .ok)
    }

    // MARK: Links

    @Test func theRunbookURLIsTheBaseFollowedByTheFile() throws {
        #expect(renderer().runbookURL(try rule()) == runbook)
        #expect(renderer(base: "https://runbooks.example.com/alarms/runbooks/").runbookURL(try rule()) == runbook)
        let other = AlarmRuleDefinition(name: "X", group: "g", severity: "page", kind: try rule().kind, runbook: "Shared.md")
        #expect(renderer().runbookURL(other) == "https://runbooks.example.com/alarms/runbooks/Shared.md")
    }

    @Test func theDescriptionCarriesTheRunbookLink() throws {
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(change.alarmDescription == "Broker queries are failing.\nRunbook: \(runbook)")
        #expect(change.context.runbookURL == runbook)
        let bare = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(description: nil))
        #expect(bare.alarmDescription == "Runbook: \(runbook)")
    }

    @Test func aLongDescriptionStaysWithinCloudWatchsLimit() throws {
        let long = String(repeating: "d", count: 1024)
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(description: long))
        #expect(change.alarmDescription?.count == 1024)
    }

    @Test func aLongDescriptionKeepsTheRunbookLink() throws {
        // The rule file allows descriptions of up to 1024 characters; the link is appended after.
        let long = String(repeating: "d", count: 1000)
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(description: long))
        #expect(change.alarmDescription?.hasSuffix("Runbook: \(runbook)") == true)
    }

    @Test func theDashboardLinkHasRegionNameAndTimeRange() throws {
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(change.context.dashboardURL
            == "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards:name=druid-prod-druid-query;"
            + "start=2025-12-31T21:00:00.000Z;end=2026-01-01T01:00:00.000Z")
        let none = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(dashboard: nil))
        #expect(none.context.dashboardURL == nil)
    }

    @Test func theSilenceCommandNamesTheRule() throws {
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(change.context.silenceCommand == #"druidwatch silence add --match alarm=DruidQueryFailures --for 2h --comment "<why>""#)
        #expect(change.context.severity == "page")
    }

    // MARK: Actions and states

    @Test func topicsBySeverityBecomeTheActions() throws {
        let page = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(page.alarmActions == [Self.pageTopic])
        #expect(page.okActions == [Self.pageTopic])
        #expect(page.insufficientDataActions == [])
        let ticket = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(severity: "ticket"))
        #expect(ticket.alarmActions == [Self.ticketTopic])
        let unrouted = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule(severity: "info"))
        #expect(unrouted.alarmActions == [])
        let quiet = renderer(sendResolved: false).stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(quiet.alarmActions == [Self.pageTopic])
        #expect(quiet.okActions == [])
    }

    @Test func firingGoesFromOKAndResolvedFromAlarm() throws {
        let fired = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(fired.oldState == .ok)
        #expect(fired.newState == .alarm)
        #expect(fired.reason == instance("wikipedia").reason)
        #expect(fired.stateChangedAt == F.date(F.t0))
        #expect(fired.alarmName == "DruidQueryFailures")
        #expect(fired.accountID == "123456789012")
        #expect(fired.regionCode == "eu-west-1")

        let recovery = GroupNotification(
            id: "DruidQueryFailures/\(F.t0)/2", ruleName: "DruidQueryFailures", severity: "page", state: .ok, reason: .resolved,
            firing: [], resolved: [instance("wikipedia", state: .ok, value: 0)], stateChangedAt: F.date(F.t0 + 900)
        )
        let resolved = renderer().stateChange(recovery, rule: try rule())
        #expect(resolved.oldState == .alarm)
        #expect(resolved.newState == .ok)
        #expect(resolved.context.affectedSeries == ["dataSource=wikipedia: 0.0"])
        #expect(resolved.stateChangedAt == F.date(F.t0 + 900))
    }

    // MARK: Trigger and series

    @Test func oneGroupPutsItsDimensionsInTheTrigger() throws {
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        #expect(change.trigger.metricName == "query/failed/count")
        #expect(change.trigger.namespace == "Druid")
        #expect(change.trigger.statistic == .sum)
        #expect(change.trigger.dimensions == [
            MetricDimension("Cluster", "prod-druid"), MetricDimension("Service", "druid/broker"), MetricDimension("dataSource", "wikipedia"),
        ])
        #expect(change.trigger.configuration == (try rule()).metricRule?.configuration)
        #expect(change.context.affectedSeries == ["dataSource=wikipedia: 12.0"])
    }

    @Test func fortyGroupsAreOneMessageListingFortySeries() throws {
        let instances = (0..<40).map { instance(String(format: "ds%02d", $0), value: Double($0)) }
        let change = renderer().stateChange(firing(instances), rule: try rule())
        #expect(change.context.affectedSeries.count == 40)
        #expect(change.context.affectedSeries.first == "dataSource=ds00: 0.0")
        #expect(change.context.affectedSeries.last == "dataSource=ds39: 39.0")
        #expect(change.reason == instances[0].reason + " (and 39 more series)")
        // No single group: the trigger keeps the rule's own dimensions.
        #expect(change.trigger.dimensions == [MetricDimension("Cluster", "prod-druid"), MetricDimension("Service", "druid/broker")])

        let message = try SNSAlarmMessage(change)
        #expect(message.listedSeriesCount == 40)
        let email = try #require(try Self.messageFields(message)["email"] as? String)
        #expect(email.contains("dataSource=ds00: 0.0") && email.contains("dataSource=ds39: 39.0"))
    }

    @Test func untrackedFiringSeriesAreCounted() throws {
        let change = renderer().stateChange(firing([instance("a"), instance("b")], untracked: 3), rule: try rule())
        #expect(change.context.affectedSeries == ["dataSource=a: 12.0", "dataSource=b: 12.0", "and 3 more not tracked"])
    }

    @Test func aSeriesWithoutValueIsListedByItsGroupAlone() throws {
        let change = renderer().stateChange(firing([instance("wikipedia", value: nil)]), rule: try rule())
        #expect(change.context.affectedSeries == ["dataSource=wikipedia"])
    }

    @Test func aMathRuleCarriesItsMetricsAndExpressionAsCloudWatchDoes() throws {
        let math = F.metricRule(
            "Rate", metrics: [F.query(id: "failed", "query/failed/count"), F.query(id: "total", "query/count")],
            expression: try MetricExpression.parse("100 * failed / total"), configuration: try F.configuration()
        )
        let notification = GroupNotification(
            id: "Rate/1/1", ruleName: "Rate", severity: "page", state: .alarm, reason: .firing,
            firing: [AlarmInstanceStatus(key: AlarmInstanceKey(ruleName: "Rate"), severity: "page", state: .alarm, since: F.date(F.t0), reason: "r")],
            resolved: [], stateChangedAt: F.date(F.t0)
        )
        let change = renderer().stateChange(notification, rule: math)
        #expect(change.trigger.mathMetrics.map(\.id) == ["failed", "total", "expression"])
        #expect(change.trigger.mathMetrics.map(\.returnData) == [false, false, true])
        #expect(change.trigger.mathMetrics.last?.expression == "((100.0 * failed) / total)")
        #expect(change.context.affectedSeries == ["Rate"])
        let json = CloudWatchAlarmJSON.render(change)
        #expect(json.contains(#""Trigger":{"Period":300,"EvaluationPeriods":3,"DatapointsToAlarm":3,"ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"TreatMissingData":"missing","EvaluateLowSampleCountPercentile":"","Metrics":["#))
        #expect(json.contains(#"{"Id":"failed","ReturnData":false,"MetricStat":{"Metric":{"Dimensions":[],"MetricName":"query/failed/count","Namespace":"Druid"},"Period":300,"Stat":"Sum"}}"#))
        #expect(json.contains(#"{"Id":"expression","Expression":"((100.0 * failed) / total)","Label":"Rate","ReturnData":true}"#))
        #expect(!json.contains("\"MetricName\":\"query/failed/count\",\"Namespace\":\"Druid\",\"StatisticType\""))
    }

    @Test func aCompositeCarriesItsRuleAndTriggeringChildrenInsteadOfATrigger() throws {
        let composite = try F.compositeRule("Degraded", "ALARM(A) OR ALARM(B)")
        let notification = GroupNotification(
            id: "Degraded/1/1", ruleName: "Degraded", severity: "page", state: .alarm, reason: .firing,
            firing: [AlarmInstanceStatus(key: AlarmInstanceKey(ruleName: "Degraded"), severity: "page", state: .alarm, since: F.date(F.t0), reason: "r")],
            resolved: [], stateChangedAt: F.date(F.t0)
        )
        let children = ["A": AlarmStateChange(state: .alarm, time: F.date(F.t0)), "B": AlarmStateChange(state: .ok, time: F.date(F.t0))]
        let change = renderer().stateChange(notification, rule: composite, childStates: children)
        #expect(change.context.dashboardURL == nil)
        #expect(change.composite?.alarmRule == "ALARM(A) OR ALARM(B)")
        let json = CloudWatchAlarmJSON.render(change)
        #expect(!json.contains("\"Trigger\""))
        #expect(json.hasSuffix(#""AlarmRule":"ALARM(A) OR ALARM(B)","TriggeringChildren":[{"Arn":"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:A","State":{"Value":"ALARM","Timestamp":"2026-01-01T00:00:00.000+0000"}}]}"#))
        let email = AlarmEmailText.render(change)
        #expect(email.contains("- Alarm Rule:                 ALARM(A) OR ALARM(B)\n"))
        #expect(email.contains("Triggering children (max. 10):\n- arn:aws:cloudwatch:eu-west-1:123456789012:alarm:A: ALARM since "))
        #expect(!email.contains("Monitored Metric:"))
    }

    // MARK: The SNS message

    static func messageFields(_ message: SNSAlarmMessage) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(message.message.utf8)) as? [String: Any])
    }

    @Test func theSNSMessageIsCloudWatchsAlarmJSON() throws {
        let change = renderer().stateChange(firing([instance("wikipedia")]), rule: try rule())
        let message = try SNSAlarmMessage(change)
        #expect(message.subject == #"ALARM: "DruidQueryFailures" in EU (Ireland)"#)
        let fields = try Self.messageFields(message)
        #expect(Set(fields.keys) == ["default", "email", "sms"])
        let email = try #require(fields["email"] as? String)
        #expect(email.contains(runbook))
        #expect(email.contains("dashboards:name=druid-prod-druid-query"))
        #expect(fields["sms"] as? String == #"ALARM: "DruidQueryFailures" in EU (Ireland)"#)

        let text = try #require(fields["default"] as? String)
        let alarm = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(alarm["AlarmName"] as? String == "DruidQueryFailures")
        #expect(alarm["AlarmDescription"] as? String == "Broker queries are failing.\nRunbook: \(runbook)")
        #expect(alarm["AWSAccountId"] as? String == "123456789012")
        #expect(alarm["NewStateValue"] as? String == "ALARM")
        #expect(alarm["OldStateValue"] as? String == "OK")
        #expect(alarm["NewStateReason"] as? String == instance("wikipedia").reason)
        #expect(alarm["StateChangeTime"] as? String == "2026-01-01T00:00:00.000+0000")
        #expect(alarm["Region"] as? String == "EU (Ireland)")
        #expect(alarm["AlarmArn"] as? String == "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:DruidQueryFailures")
        #expect(alarm["AlarmActions"] as? [String] == [Self.pageTopic])
        #expect(alarm["OKActions"] as? [String] == [Self.pageTopic])
        #expect(alarm["InsufficientDataActions"] as? [String] == [])
        let trigger = try #require(alarm["Trigger"] as? [String: Any])
        #expect(trigger["MetricName"] as? String == "query/failed/count")
        #expect(trigger["Namespace"] as? String == "Druid")
        #expect(trigger["StatisticType"] as? String == "Statistic")
        #expect(trigger["Statistic"] as? String == "SUM")
        #expect(trigger["Period"] as? Int == 300)
        #expect(trigger["EvaluationPeriods"] as? Int == 5)
        #expect(trigger["DatapointsToAlarm"] as? Int == 3)
        #expect(trigger["ComparisonOperator"] as? String == "GreaterThanThreshold")
        #expect(trigger["Threshold"] as? Double == 5)
        #expect(trigger["TreatMissingData"] as? String == "notBreaching")
        let dimensions = try #require(trigger["Dimensions"] as? [[String: String]])
        #expect(dimensions == [
            ["value": "prod-druid", "name": "Cluster"], ["value": "druid/broker", "name": "Service"], ["value": "wikipedia", "name": "dataSource"],
        ])
    }

    @Test func theSubjectStaysWithin100Characters() throws {
        let name = String(repeating: "DruidQueryFailures", count: 14)  // 252 characters
        let long = AlarmRuleDefinition(name: name, group: "query", severity: "page", kind: try rule().kind)
        let message = try SNSAlarmMessage(renderer().stateChange(firing([instance("wikipedia")]), rule: long))
        #expect(message.subject.count == 100)
        #expect(message.subject.hasPrefix(#"ALARM: "DruidQueryFailures"#))
        #expect(message.subject.hasSuffix(#"..." in EU (Ireland)"#))
    }
}
