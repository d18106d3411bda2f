import DruidWatchAWS
import DruidWatchCore
import DruidWatchStorage
import Foundation
import Logging
import Synchronization

/// One evaluator cycle, end to end: list the rules' series when due, read the due
/// periods (the fewest GetMetricData calls), evaluate, dispatch notifications into the
/// durable outbox, save the state. The outbox's sender publishes on its own.
public final class EvaluationCycle: Sendable {
    public struct Settings: Sendable {
        public var discoveryIntervalSeconds: Int
        public var topics: [String: [String]]
        public var policy: NotificationPolicy
        /// Direct feed posts held for the next cycle at most.
        public var directFeedQueueLimit = 1000

        public init(discoveryIntervalSeconds: Int = 900, topics: [String: [String]] = [:], policy: NotificationPolicy = NotificationPolicy()) {
            self.discoveryIntervalSeconds = discoveryIntervalSeconds
            self.topics = topics
            self.policy = policy
        }
    }

    public let rules: AlarmRuleSet
    private let evaluator: RuleSetEvaluator
    private let reader: any MetricReader
    private let outbox: NotificationOutbox
    private let renderer: GroupNotificationRenderer
    private let stateStore: EvaluatorStateStore
    private let silenceStore: SilenceStore
    private let settings: Settings
    private let logger: Logger
    private let state: Mutex<PersistedEvaluatorState>
    /// Posts of the agents' direct feed, taken in by the next cycle.
    public let directFeed: DirectFeedQueue

    public init(
        rules: AlarmRuleSet, evaluator: RuleSetEvaluator, reader: any MetricReader, outbox: NotificationOutbox,
        renderer: GroupNotificationRenderer, stateStore: EvaluatorStateStore, silenceStore: SilenceStore,
        settings: Settings, initialState: PersistedEvaluatorState, logger: Logger
    ) {
        self.rules = rules
        self.evaluator = evaluator
        self.reader = reader
        self.outbox = outbox
        self.renderer = renderer
        self.stateStore = stateStore
        self.silenceStore = silenceStore
        self.settings = settings
        self.state = Mutex(initialState)
        self.directFeed = DirectFeedQueue(limit: settings.directFeedQueueLimit)
        self.logger = logger
    }

    public var currentState: PersistedEvaluatorState { state.withLock { $0 } }

    public func run(now: Date) async -> CycleReport {
        var persisted = state.withLock { $0 }
        var report = CycleReport()
        do throws(AWSCallError) {
            try await discover(into: &persisted.evaluator, now: now, report: &report)
            drainDirectFeed(into: &persisted, now: now, report: &report)
            try await read(into: &persisted.evaluator, now: now, report: &report)
            persisted.lastSuccessfulRead = now
        } catch {
            report.readFailure = error.description
            logger.warning("CloudWatch could not be read; this cycle evaluates nothing", metadata: ["error": "\(error)", "outcome": "\(error.outcome)"])
            state.withLock { $0 = persisted }
            return report
        }

        let statuses = evaluator.evaluate(state: &persisted.evaluator, now: now)
        report.alarmStates = statuses.count
        report.firing = statuses.count { $0.state == .alarm }
        for status in statuses where status.changed {
            logger.notice("alarm state changed", metadata: [
                "alarm": "\(status.key)", "from": "\(status.previousState.rawValue)", "to": "\(status.state.rawValue)", "reason": "\(status.reason)",
            ])
        }

        var silences = loadSilences()
        for status in statuses where status.actionsSuppressed {
            // A composite's suppressor holds its actions back as a silence would, without
            // the dispatcher taking the composite for gone (which would send a recovery).
            if let silence = try? Silence(
                id: "actions-suppressor/\(status.key.ruleName)", matching: ["alarm=\(status.key.ruleName)"],
                startsAt: now.addingTimeInterval(-1), endsAt: now.addingTimeInterval(1), createdBy: "druidwatch", comment: "actions suppressor in ALARM"
            ) { try? silences.add(silence, at: now) }
        }
        var dispatcher = NotificationDispatcher(policy: settings.policy, log: persisted.notificationLog)
        let instances = statuses.compactMap(instanceStatus)
        let notifications = dispatcher.step(now: now, instances: instances, silences: silences)
        persisted.notificationLog = dispatcher.log
        persisted.statuses = instances
        report.notifications = notifications.count
        let ruleStates = persisted.evaluator.ruleHistory.compactMapValues(\.last)
        for notification in notifications {
            report.enqueued += enqueue(notification, childStates: ruleStates)
        }

        persisted.savedAt = now
        do {
            try stateStore.save(persisted)
        } catch {
            logger.error("the state could not be saved; a restart would evaluate from the previous save", metadata: ["error": "\(error)"])
        }
        state.withLock { $0 = persisted }
        return report
    }

    /// Lists each rule's series when its list is older than the discovery interval; one
    /// ListMetrics per distinct (namespace, metric, fixed dimensions), however many rules share it.
    private func discover(into state: inout EvaluatorState, now: Date, report: inout CycleReport) async throws(AWSCallError) {
        var listed: [String: [MetricIdentity]] = [:]
        for (definition, rule) in rules.metricRules {
            if let known = state.discovered[definition.name], now.timeIntervalSince(known.at) < Double(settings.discoveryIntervalSeconds) { continue }
            var series: [MetricIdentity] = []
            for query in rule.metrics {
                let key = "\(query.namespace)\u{0}\(query.metricName)\u{0}\(query.fixedDimensions.sorted())"
                if listed[key] == nil {
                    listed[key] = try await reader.listMetrics(namespace: query.namespace, metricName: query.metricName, dimensions: query.fixedDimensions)
                    report.listMetricsCalls += 1
                }
                series += (listed[key] ?? []).filter(query.matches)
            }
            state.discovered[definition.name] = DiscoveredSeries(series: series, at: now)
        }
    }

    private func read(into state: inout EvaluatorState, now: Date, report: inout CycleReport) async throws(AWSCallError) {
        for batch in MetricReadPlanner.batches(evaluator.dueReads(state: state, now: now)) {
            let results = try await reader.getMetricData(
                queries: batch.metricDataQueries,
                start: Date(timeIntervalSince1970: Double(batch.start)),
                end: Date(timeIntervalSince1970: Double(batch.reads.map(\.end).max() ?? batch.end))
            )
            report.getMetricDataCalls += 1
            report.queries += batch.reads.count
            RuleSetEvaluator.record(results, of: batch, into: &state)
        }
    }

    private func instanceStatus(_ status: AlarmGroupStatus) -> AlarmInstanceStatus? {
        guard let definition = rules.byName[status.key.ruleName] else { return nil }
        return AlarmInstanceStatus(
            key: status.key, severity: definition.severity, labels: definition.labels, state: status.state, since: status.since,
            reason: status.reason, value: status.latestValue, threshold: definition.metricRule?.configuration.threshold,
            enteredFrom: status.enteredFrom
        )
    }

    private func loadSilences() -> SilenceSet {
        do {
            return try silenceStore.load()
        } catch {
            logger.error("the silences file cannot be read; no silences apply until it is fixed", metadata: ["file": "\(silenceStore.file.path)", "error": "\(error)"])
            return SilenceSet()
        }
    }

    /// One outbox entry per topic of the rule's severity; returns how many were new.
    private func enqueue(_ notification: GroupNotification, childStates: [String: AlarmStateChange]) -> Int {
        guard let rule = rules.byName[notification.ruleName] else { return 0 }
        let change = renderer.stateChange(notification, rule: rule, childStates: childStates)
        let message: SNSAlarmMessage
        do {
            message = try SNSAlarmMessage(change)
        } catch {
            logger.error("notification cannot be built", metadata: ["alarm": "\(rule.name)", "error": "\(error)"])
            return 0
        }
        let topics = settings.topics[rule.severity] ?? []
        if topics.isEmpty {
            logger.warning("no SNS topic for this severity; the notification goes nowhere", metadata: [
                "alarm": "\(rule.name)", "severity": "\(rule.severity)", "subject": "\(message.subject)",
            ])
        }
        var added = 0
        for topic in topics {
            do {
                let outcome = try outbox.enqueue(id: "\(notification.id)@\(topic)", topicARN: topic, subject: message.subject, message: message.message, structure: .json)
                if outcome == .enqueued { added += 1 }
                logger.info("notification queued", metadata: ["alarm": "\(rule.name)", "state": "\(notification.state.rawValue)", "topic": "\(topic)", "subject": "\(message.subject)"])
            } catch {
                logger.error("notification could not be written to the outbox", metadata: ["alarm": "\(rule.name)", "topic": "\(topic)", "error": "\(error)"])
            }
        }
        return added
    }
}
