import Foundation

/// Decides, once per evaluation cycle, which notifications to send, the way
/// Alertmanager's dispatcher and notify pipeline do with `group_by: [alertname]`: one
/// group per rule, a group wait before the first message, changes batched per group
/// interval, repeats after the repeat interval, one recovery when everything notified
/// has recovered, silenced instances left out, and a log so nothing is sent twice.
///
/// Pure: the time comes in as `now`, and everything remembered is in `log`, which the
/// caller persists. Rate limiting belongs to the outbox that sends the messages.
public struct NotificationDispatcher: Sendable {
    public var policy: NotificationPolicy
    public private(set) var log: NotificationLog

    public init(policy: NotificationPolicy = NotificationPolicy(), log: NotificationLog = NotificationLog()) {
        self.policy = policy
        self.log = log
    }

    /// Runs one cycle. `instances` must be every instance of every loaded rule: a rule
    /// with none is taken as removed and its group is forgotten without a message, and an
    /// instance missing from a rule that remains is taken as recovered (it stopped
    /// reporting long enough for the engine to drop it), as Alertmanager resolves an
    /// alert that stops being sent.
    public mutating func step(now: Date, instances: [AlarmInstanceStatus], silences: SilenceSet) -> [GroupNotification] {
        let instancesByRule = Dictionary(grouping: instances, by: \.key.ruleName)
        log.groups = log.groups.filter { instancesByRule[$0.key] != nil }
        let activeSilences = silences.active(at: now)
        var notifications: [GroupNotification] = []
        for ruleName in instancesByRule.keys.sorted() {
            let statuses = Dictionary(
                instancesByRule[ruleName, default: []].map { ($0.key, $0) }, uniquingKeysWith: { _, last in last }
            )
            if let notification = step(ruleName: ruleName, statuses: statuses, silences: activeSilences, now: now) {
                notifications.append(notification)
            }
        }
        return notifications
    }

    private mutating func step(
        ruleName: String, statuses: [AlarmInstanceKey: AlarmInstanceStatus], silences: [Silence], now: Date
    ) -> GroupNotification? {
        let firingKeys = Set(
            statuses.values
                .filter { status in policy.isFiring(status.state) && !silences.contains { $0.matches(status.matchableLabels) } }
                .map(\.key)
        )
        var group: NotificationGroupLog
        if let existing = log.groups[ruleName] {
            group = existing
        } else {
            // Timed from the first firing, not from when the dispatcher first saw it: an
            // instance that was silenced, or firing across a restart that lost the log, has
            // waited long enough already.
            guard let firstFiring = firingKeys.compactMap({ statuses[$0]?.since }).min() else { return nil }
            group = NotificationGroupLog(startedAt: now, nextFlushAt: min(firstFiring, now).addingTimeInterval(policy.groupWait))
        }
        // Fired and recovered (or got silenced) before anything was sent: nothing to tell.
        if group.notified.isEmpty, firingKeys.isEmpty {
            log.groups[ruleName] = nil
            return nil
        }
        guard now >= group.nextFlushAt else {
            log.groups[ruleName] = group
            return nil
        }

        let missedTicks = (now.timeIntervalSince(group.nextFlushAt) / policy.groupInterval).rounded(.down)
        let tick = group.nextFlushAt.addingTimeInterval(missedTicks * policy.groupInterval)
        group.nextFlushAt = tick.addingTimeInterval(policy.groupInterval)

        let sorting = sort(group: group, statuses: statuses, firingKeys: firingKeys, now: now)
        let isFirstMessage = group.notified.isEmpty
        let reason: NotificationReason?
        if isFirstMessage {
            reason = .firing
        } else if !sorting.newlyFiring.isEmpty {
            reason = .changed
        } else if sorting.firing.isEmpty, sorting.held.isEmpty {
            reason = .resolved
        } else if policy.sendResolved, !sorting.resolved.isEmpty {
            reason = .changed
        } else if !sorting.firing.isEmpty, let last = group.lastNotifiedTick,
            tick.timeIntervalSince(last) >= policy.effectiveRepeatInterval
        {
            reason = .repeat
        } else {
            reason = nil
        }
        guard let reason else {
            log.groups[ruleName] = group
            return nil
        }

        group.sentCount += 1
        let id = "\(ruleName)/\(Int64((group.startedAt.timeIntervalSince1970 * 1_000).rounded(.down)))/\(group.sentCount)"
        let severity = statuses.values.min { $0.key < $1.key }?.severity ?? ""
        if reason == .resolved {
            // The group ends here, so the next firing is a new incident with its own wait.
            log.groups[ruleName] = nil
            guard policy.sendResolved else { return nil }
            return GroupNotification(
                id: id, ruleName: ruleName, severity: severity, state: .ok, reason: .resolved,
                firing: [], resolved: sorting.resolved,
                stateChangedAt: sorting.resolved.map(\.since).max() ?? now
            )
        }

        let open = sorting.firing + sorting.held
        group.notified = Dictionary(open.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        group.lastNotifiedTick = tick
        log.groups[ruleName] = group
        return GroupNotification(
            id: id, ruleName: ruleName, severity: severity,
            state: open.contains { $0.state == .alarm } ? .alarm : .insufficientData,
            reason: reason,
            firing: sorting.firing,
            resolved: policy.sendResolved ? sorting.resolved : [],
            untrackedFiringCount: sorting.untrackedFiringCount,
            stateChangedAt: open.map(\.since).min() ?? now
        )
    }

    /// A group's instances at a tick, from the receiver's point of view.
    private struct Sorting {
        /// Unsilenced firing instances that are tracked, sorted by key.
        var firing: [AlarmInstanceStatus] = []
        /// Those of `firing` the receiver has not been told about.
        var newlyFiring: [AlarmInstanceKey] = []
        /// Notified as firing and now OK or no longer evaluated, sorted by key.
        var resolved: [AlarmInstanceStatus] = []
        /// Notified as firing and neither firing unsilenced nor recovered: silenced, or
        /// without data. The receiver's incident stays open for them, as last notified.
        var held: [AlarmInstanceStatus] = []
        var untrackedFiringCount = 0
    }

    private func sort(
        group: NotificationGroupLog, statuses: [AlarmInstanceKey: AlarmInstanceStatus], firingKeys: Set<AlarmInstanceKey>,
        now: Date
    ) -> Sorting {
        var sorting = Sorting()
        var stillFiring: [AlarmInstanceStatus] = []
        for (key, notified) in group.notified {
            // A silence hides firing, not recovery: the receiver was told this one fires.
            if let current = statuses[key] {
                if current.state == .ok {
                    sorting.resolved.append(current)
                } else if firingKeys.contains(key) {
                    stillFiring.append(current)
                } else {
                    sorting.held.append(notified)
                }
            } else {
                sorting.resolved.append(
                    notified.with(state: .ok, since: now, reason: "The alarm instance is no longer evaluated.")
                )
            }
        }
        let room = max(0, policy.maximumInstancesPerGroup - stillFiring.count - sorting.held.count)
        let newKeys = firingKeys.filter { group.notified[$0] == nil }.sorted()
        sorting.newlyFiring = Array(newKeys.prefix(room))
        sorting.untrackedFiringCount = newKeys.count - sorting.newlyFiring.count
        sorting.firing = (stillFiring + sorting.newlyFiring.compactMap { statuses[$0] }).sorted { $0.key < $1.key }
        sorting.resolved.sort { $0.key < $1.key }
        sorting.held.sort { $0.key < $1.key }
        return sorting
    }
}
