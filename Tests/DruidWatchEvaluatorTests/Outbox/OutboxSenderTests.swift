import DruidWatchAWS
import DruidWatchCore
import DruidWatchEvaluator
import Foundation
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import Synchronization
import Testing

@Suite struct OutboxSenderTests {
    private func sender(_ outbox: NotificationOutbox, _ publisher: any NotificationPublisher, time: VirtualTime, options: OutboxSender.Options = OutboxSender.Options()) -> OutboxSender {
        OutboxSender(outbox: outbox, publisher: publisher, options: options, clock: time, sleeper: time, jitter: { $0 }, logger: Logger(label: "sender-test"))
    }

    @Test func twentyDueNotificationsArePacedAtFiveASecond() async throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let outbox = try directory.open(clock: time)
        for index in 1...20 { try outbox.enqueue("alarm-\(index)") }
        let publisher = ScriptedPublisher(clock: time)
        let start = time.now()

        let report = await sender(outbox, publisher, time: time).sendDue()

        #expect(report.sent == 20)
        #expect(outbox.count == 0)
        #expect(directory.outboxFiles.isEmpty)
        let times = publisher.recorded.map { $0.at.timeIntervalSince(start) }
        #expect(publisher.recorded.map(\.message) == (1...20).map { #"{"default":"alarm-\#($0)"}"# })
        // A burst of 5, then one every 200 ms: the 20th goes at 3 s.
        #expect(try #require(times.last) >= 3.0 - 1e-6)
        #expect(try #require(times.last) < 3.1)
        // No second ever sees more than 10, SNS's e-mail limit.
        for (index, time) in times.enumerated() {
            #expect(times[index...].prefix { $0 < time + 1 }.count <= 10)
        }
    }

    @Test func aRetryableFailureBacksOffExponentiallyThenSucceeds() async throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let outbox = try directory.open(clock: time)
        try outbox.enqueue("throttled")
        let publisher = ScriptedPublisher(clock: time) { call, _ in
            call <= 3 ? ScriptedPublisher.serviceError("Throttling") : nil
        }
        let sender = sender(outbox, publisher, time: time)
        let start = time.now()

        var report = await sender.sendDue()
        #expect(report.deferred == 1)
        #expect(outbox.pending.first?.attempts == 1)
        #expect(outbox.pending.first?.nextAttemptAt == start.addingTimeInterval(1))
        #expect(outbox.pending.first?.lastError?.contains("Throttling") == true)
        #expect(await sender.sendDue().attempted == 0)

        time.advance(by: 1)
        report = await sender.sendDue()
        #expect(report.deferred == 1)
        #expect(outbox.pending.first?.nextAttemptAt == start.addingTimeInterval(1 + 2))

        time.advance(by: 2)
        #expect(await sender.sendDue().deferred == 1)
        #expect(outbox.pending.first?.nextAttemptAt == start.addingTimeInterval(1 + 2 + 4))
        // The backoff survives a restart: a reopened outbox holds the same schedule.
        #expect(try directory.open(clock: time).due(now: time.now()).isEmpty)

        time.advance(by: 4)
        report = await sender.sendDue()
        #expect(report.sent == 1)
        #expect(outbox.count == 0)
        #expect(directory.outboxFiles.isEmpty)
        #expect(publisher.recorded.count == 4)
        #expect(directory.undeliverableFiles.isEmpty)
    }

    @Test func theBackoffIsCappedAtFiveMinutesAndNeverGivesUp() {
        let backoff = OutboxSender.Options().backoff
        #expect(backoff.delayCeiling(beforeRetry: 1) == .seconds(1))
        #expect(backoff.delayCeiling(beforeRetry: 9) == .seconds(256))
        #expect(backoff.delayCeiling(beforeRetry: 10) == .seconds(300))
        #expect(backoff.delayCeiling(beforeRetry: 10_000) == .seconds(300))
        for _ in 0..<100 {
            let wait = OutboxSender.fullJitter(.seconds(300))
            #expect(wait >= .zero && wait <= .seconds(300))
        }
    }

    @Test func aPermanentRefusalGoesToUndeliverableAtOnceAndTheRestIsSent() async throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let outbox = try directory.open(clock: time)
        try outbox.enqueue("deleted-topic")
        try outbox.enqueue("bad-subject")
        try outbox.enqueue("fine")
        let publisher = ScriptedPublisher(clock: time) { _, message in
            if message.contains("deleted-topic") { return ScriptedPublisher.serviceError("NotFound", 404) }
            if message.contains("bad-subject") { return ScriptedPublisher.serviceError("InvalidParameter") }
            return nil
        }

        let report = await sender(outbox, publisher, time: time).sendDue()

        #expect(report.undeliverable == 2)
        #expect(report.sent == 1)
        #expect(outbox.count == 0)
        #expect(publisher.recorded.count == 3)
        #expect(directory.undeliverableFiles.count == 2)
        let refused = try directory.undeliverable(directory.undeliverableFiles[0])
        #expect(refused["id"] as? String == "deleted-topic")
        #expect((refused["lastError"] as? String)?.hasPrefix("NotFound (HTTP 404)") == true)
        #expect(directory.log.all.contains { $0.level == .error && $0.text.contains("refused a notification for good") })
    }

    @Test func aCorruptFileDoesNotKeepTheOthersFromBeingSent() async throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        do {
            let outbox = try directory.open(clock: time)
            try outbox.enqueue("before")
            try outbox.enqueue("after")
        }
        try Data([0xFF, 0x00, 0x7B]).write(to: directory.paths.outboxDirectory.appendingPathComponent("00000000000000000001-garbage.json"))
        let outbox = try directory.open(clock: time)
        let publisher = ScriptedPublisher(clock: time)

        let report = await sender(outbox, publisher, time: time).sendDue()

        #expect(report.sent == 2)
        #expect(publisher.recorded.map(\.subject) == ["ALARM: before", "ALARM: after"])
        #expect(directory.outboxFiles.isEmpty)
        #expect(directory.undeliverableFiles == ["00000000000000000001-garbage.json.corrupt"])
    }

    @Test func theServiceDrainsWhatIsEnqueuedWhileItRuns() async throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let outbox = try directory.open(clock: time)
        try outbox.enqueue("at-start")
        let publisher = ScriptedPublisher(clock: time) { call, _ in call == 1 ? .transport(.couldNotConnect(url: "https://sns", message: "refused")) : nil }
        let sender = sender(outbox, publisher, time: time)
        let running = Task { try await sender.run() }
        defer { running.cancel() }

        try outbox.enqueue("later")
        // Generous: in a full parallel run other suites can hold the cooperative pool for
        // a minute before the sender's task even starts; a passing run takes milliseconds.
        let deadline = ContinuousClock.now + .seconds(180)
        while outbox.count > 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        running.cancel()
        _ = await running.result

        #expect(outbox.count == 0)
        #expect(Set(publisher.recorded.map(\.subject)) == ["ALARM: at-start", "ALARM: later"])
        #expect(publisher.recorded.count == 3)
    }

    /// SIGTERM: the retry wait is cut short, nothing is attempted again, and the
    /// notification stays on disk for the next start.
    @Test func aGracefulShutdownStopsPromptlyWithoutRetrying() async throws {
        let directory = OutboxStateDirectory()
        let outbox = try directory.open(clock: SystemWallClock())
        try outbox.enqueue("sns-down")
        let publisher = ScriptedPublisher(clock: SystemWallClock()) { _, _ in ScriptedPublisher.serviceError("InternalError", 500) }
        let sender = OutboxSender(
            outbox: outbox, publisher: publisher,
            options: OutboxSender.Options(backoff: RetryPolicy(baseDelay: .seconds(30), maximumDelay: .seconds(300)), idlePollInterval: .seconds(60)),
            jitter: { $0 }, logger: Logger(label: "sender-test")
        )

        let elapsed = try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await sender.run() }
                let deadline = ContinuousClock.now + .seconds(10)
                while publisher.recorded.isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
                try await Task.sleep(for: .milliseconds(50))
                let shutdownAt = ContinuousClock.now
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
                return ContinuousClock.now - shutdownAt
            }
        }

        // Without the shutdown it would wait 30 s for the retry; the margin is for a loaded machine.
        #expect(elapsed < .seconds(10))
        #expect(publisher.recorded.count == 1)
        #expect(outbox.count == 1)
        #expect(directory.outboxFiles.count == 1)
        #expect(try directory.open(clock: SystemWallClock()).pending.first?.attempts == 1)
    }
}
