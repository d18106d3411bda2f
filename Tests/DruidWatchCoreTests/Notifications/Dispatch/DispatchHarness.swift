import DruidWatchCore
import Foundation

/// Plays the engine for the dispatcher tests: holds each instance's state (with the time
/// it entered it) and runs cycles at given seconds after `start`.
struct DispatchHarness {
    static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let stalled = "DruidIngestionStalled"
    static let failures = "DruidQueryFailures"

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    static func key(_ dataSource: String?) -> AlarmInstanceKey { key(stalled, dataSource) }

    static func key(_ rule: String, _ dataSource: String?) -> AlarmInstanceKey {
        AlarmInstanceKey(ruleName: rule, group: dataSource.map { [MetricDimension("dataSource", $0)] } ?? [])
    }

    static func severity(of rule: String) -> String { rule == stalled ? "page" : "ticket" }

    static func labels(of rule: String) -> [String: String] {
        rule == stalled ? ["team": "druid", "component": "ingestion"] : ["team": "druid", "component": "query"]
    }

    /// An id's middle part: the group's start in epoch milliseconds.
    static func groupID(_ rule: String = stalled, startedAt seconds: Double, _ number: Int) -> String {
        "\(rule)/\(Int64((start.timeIntervalSince1970 + seconds) * 1_000))/\(number)"
    }

    var dispatcher: NotificationDispatcher
    var statuses: [AlarmInstanceKey: AlarmInstanceStatus] = [:]
    var silences = SilenceSet()

    init(policy: NotificationPolicy = NotificationPolicy()) {
        dispatcher = NotificationDispatcher(policy: policy)
    }

    /// Moves instances to `state` at `seconds`; an instance already in it keeps its `since`.
    mutating func set(_ dataSources: [String?], _ state: AlarmState, at seconds: Double) {
        set(Self.stalled, dataSources, state, at: seconds)
    }

    mutating func set(_ rule: String, _ dataSources: [String?], _ state: AlarmState, at seconds: Double) {
        for dataSource in dataSources {
            let key = Self.key(rule, dataSource)
            if statuses[key]?.state == state { continue }
            statuses[key] = AlarmInstanceStatus(
                key: key, severity: Self.severity(of: rule), labels: Self.labels(of: rule), state: state,
                since: Self.at(seconds), reason: "\(state.rawValue) at \(Int(seconds))", value: state == .alarm ? 0 : 5,
                threshold: 1
            )
        }
    }

    mutating func remove(_ dataSources: [String?]) {
        for dataSource in dataSources { statuses[Self.key(dataSource)] = nil }
    }

    mutating func removeRule(_ rule: String) {
        statuses = statuses.filter { $0.key.ruleName != rule }
    }

    func status(_ dataSource: String?) -> AlarmInstanceStatus { status(Self.stalled, dataSource) }

    func status(_ rule: String, _ dataSource: String?) -> AlarmInstanceStatus {
        statuses[Self.key(rule, dataSource)]!
    }

    func statuses(_ rule: String, _ dataSources: [String?]) -> [AlarmInstanceStatus] {
        dataSources.map { status(rule, $0) }.sorted { $0.key < $1.key }
    }

    mutating func cycle(at seconds: Double) -> [GroupNotification] {
        dispatcher.step(now: Self.at(seconds), instances: Array(statuses.values), silences: silences)
    }

    /// Runs a cycle every `every` seconds from `from` through `through`, collecting what
    /// was sent with the cycle's time.
    mutating func cycles(from: Double, through: Double, every: Double = 60) -> [(at: Double, notification: GroupNotification)] {
        var sent: [(at: Double, notification: GroupNotification)] = []
        var time = from
        while time <= through {
            sent += cycle(at: time).map { (time, $0) }
            time += every
        }
        return sent
    }
}

extension NotificationPolicy {
    static func testing(
        groupWait: TimeInterval = 30, groupInterval: TimeInterval = 300, repeatInterval: TimeInterval = 4 * 3_600,
        sendResolved: Bool = true, notifyInsufficientData: Bool = false, maximumInstancesPerGroup: Int = 10_000
    ) throws -> NotificationPolicy {
        try NotificationPolicy(
            groupWait: groupWait, groupInterval: groupInterval, repeatInterval: repeatInterval, sendResolved: sendResolved,
            notifyInsufficientData: notifyInsufficientData, maximumInstancesPerGroup: maximumInstancesPerGroup
        )
    }
}

extension DispatchHarness {
    /// The notification the tests expect, with the instances' current statuses.
    func expected(
        _ rule: String = stalled, id: String, state: AlarmState, reason: NotificationReason, firing: [String?],
        resolved: [String?] = [], untracked: Int = 0, changedAt: Double
    ) -> GroupNotification {
        GroupNotification(
            id: id, ruleName: rule, severity: Self.severity(of: rule), state: state, reason: reason,
            firing: statuses(rule, firing), resolved: statuses(rule, resolved), untrackedFiringCount: untracked,
            stateChangedAt: Self.at(changedAt)
        )
    }
}
