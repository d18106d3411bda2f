import DruidWatchCore
import Foundation
import Testing

/// Notification timings: Alertmanager's defaults, their checks, and the repeat interval
/// rounded up to whole group intervals.
@Suite struct NotificationPolicyTests {
    @Test func theDefaultsAreAlertmanagers() throws {
        let policy = NotificationPolicy()
        #expect(policy.groupWait == 30)
        #expect(policy.groupInterval == 300)
        #expect(policy.repeatInterval == 14_400)
        #expect(policy.sendResolved)
        #expect(!policy.notifyInsufficientData)
        #expect(policy.maximumInstancesPerGroup == 10_000)
        #expect(try NotificationPolicy(groupWait: 30) == policy)
    }

    @Test func theRepeatIntervalIsRoundedUpToWholeGroupIntervals() throws {
        #expect(NotificationPolicy().effectiveRepeatInterval == 14_400)
        // 240 min / 7 min = 34.3 ticks: the 35th tick, 245 minutes.
        #expect(try NotificationPolicy(groupInterval: 420).effectiveRepeatInterval == 14_700)
        #expect(try NotificationPolicy(groupInterval: 300, repeatInterval: 60).effectiveRepeatInterval == 300)
        #expect(try NotificationPolicy(groupInterval: 300, repeatInterval: 301).effectiveRepeatInterval == 600)
    }

    @Test func badTimingsAreRefused() throws {
        #expect(throws: NotificationPolicyError.invalidDuration(field: "group wait", seconds: -1)) { try NotificationPolicy(groupWait: -1) }
        #expect(throws: NotificationPolicyError.invalidDuration(field: "group interval", seconds: 0)) { try NotificationPolicy(groupInterval: 0) }
        #expect(throws: NotificationPolicyError.invalidDuration(field: "repeat interval", seconds: .infinity)) {
            try NotificationPolicy(repeatInterval: .infinity)
        }
        #expect(throws: NotificationPolicyError.invalidInstanceLimit(0)) { try NotificationPolicy(maximumInstancesPerGroup: 0) }
        #expect(try NotificationPolicy(groupWait: 0).groupWait == 0)
    }
}
