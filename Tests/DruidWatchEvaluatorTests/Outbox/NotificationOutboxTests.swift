import DruidWatchAWS
import DruidWatchEvaluator
import Foundation
import Logging
import Testing

@Suite struct NotificationOutboxTests {
    @Test func pendingNotificationsSurviveARestartInOrderWithTheirBackoff() throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let retryAt = time.now().addingTimeInterval(1.375)
        do {
            let outbox = try directory.open(clock: time)
            for id in ["b-alarm", "a-alarm", "c-alarm"] {
                #expect(try outbox.enqueue(id) == .enqueued)
                time.advance(by: 0.001)
            }
            outbox.markFailed("a-alarm", error: "Throttling (HTTP 400): slow down", retryAt: retryAt)
        }
        #expect(directory.outboxFiles.count == 3)

        let reopened = try directory.open(clock: time)
        #expect(reopened.pending.map(\.id) == ["b-alarm", "a-alarm", "c-alarm"])
        let failed = try #require(reopened.pending.first { $0.id == "a-alarm" })
        #expect(failed.attempts == 1)
        #expect(failed.lastError == "Throttling (HTTP 400): slow down")
        #expect(abs(failed.nextAttemptAt.timeIntervalSince(retryAt)) < 0.001)
        #expect(failed.subject == "ALARM: a-alarm")
        #expect(failed.structure == .json)
        #expect(reopened.due(now: time.now()).map(\.id) == ["b-alarm", "c-alarm"])
        #expect(reopened.due(now: retryAt).map(\.id) == ["b-alarm", "a-alarm", "c-alarm"])

        // Sequence numbers keep growing across the restart, so creation order holds.
        try reopened.enqueue("d-alarm")
        #expect(reopened.pending.map(\.sequence) == [1, 2, 3, 4])
        #expect(directory.outboxFiles.last?.hasPrefix("00000000000000000004-d-alarm") == true)
    }

    @Test func theSameIdIsPublishedOnce() throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        let outbox = try directory.open(clock: time)
        #expect(try outbox.enqueue("druid-broker-query-time@2025-11-25T10:30:00Z") == .enqueued)
        #expect(try outbox.enqueue("druid-broker-query-time@2025-11-25T10:30:00Z") == .duplicate)
        #expect(outbox.count == 1)
        #expect(directory.outboxFiles.count == 1)

        outbox.markSent("druid-broker-query-time@2025-11-25T10:30:00Z")
        #expect(directory.outboxFiles.isEmpty)
        #expect(try outbox.enqueue("druid-broker-query-time@2025-11-25T10:30:00Z") == .duplicate)
        #expect(outbox.count == 0)
        #expect(outbox.statistics.duplicates == 2)

        // A restart resumes a pending duplicate rather than adding a second copy.
        try outbox.enqueue("other")
        let reopened = try directory.open(clock: time)
        #expect(try reopened.enqueue("other") == .duplicate)
        #expect(reopened.count == 1)
    }

    @Test func theCountBoundSetsTheOldestAsideAndLogsIt() throws {
        let directory = OutboxStateDirectory()
        let outbox = try directory.open(clock: VirtualTime(), maximumCount: 3)
        for index in 1...5 { try outbox.enqueue("alarm-\(index)") }

        #expect(outbox.pending.map(\.id) == ["alarm-3", "alarm-4", "alarm-5"])
        #expect(directory.outboxFiles.count == 3)
        #expect(directory.undeliverableFiles.count == 2)
        let first = try directory.undeliverable(try #require(directory.undeliverableFiles.first))
        #expect(first["id"] as? String == "alarm-1")
        #expect(first["lastError"] as? String == NotificationOutbox.reasonOutboxFull)
        let errors = directory.log.all.filter { $0.level == .error && $0.text.contains("outbox: full") }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.text.contains("maximumCount=3") })
        #expect(outbox.statistics.setAsideForSpace == 2)
    }

    @Test func theByteBoundHolds() throws {
        let directory = OutboxStateDirectory()
        let message = String(repeating: "x", count: 1_000)
        let probe = OutboxStateDirectory()
        let probeOutbox = try probe.open(clock: VirtualTime())
        try probeOutbox.enqueue("alarm-1", message: message)
        let oneFile = probeOutbox.totalBytes
        #expect(oneFile > 1_000)

        let limit = oneFile * 5 / 2
        let outbox = try directory.open(clock: VirtualTime(), maximumBytes: limit)
        for index in 1...6 { try outbox.enqueue("alarm-\(index)", message: message) }
        #expect(outbox.totalBytes <= limit)
        #expect(outbox.pending.map(\.id) == ["alarm-5", "alarm-6"])
        let onDisk = try directory.outboxFiles.reduce(0) { total, name in
            total + (try FileManager.default.attributesOfItem(atPath: directory.paths.outboxDirectory.appendingPathComponent(name).path)[.size] as? Int ?? 0)
        }
        #expect(onDisk == outbox.totalBytes)
        #expect(directory.undeliverableFiles.count == 4)

        // One notification larger than the whole bound goes aside at once, taking nothing with it.
        #expect(try outbox.enqueue("huge", message: String(repeating: "y", count: limit)) == .setAsideTooLarge)
        #expect(outbox.pending.map(\.id) == ["alarm-5", "alarm-6"])
        #expect(directory.undeliverableFiles.count == 5)
    }

    @Test func theUndeliverableDirectoryKeepsTheNewest() throws {
        let directory = OutboxStateDirectory()
        let outbox = try directory.open(clock: VirtualTime(), maximumUndeliverable: 2)
        for index in 1...4 { try outbox.enqueue("alarm-\(index)") }
        for index in 1...4 { outbox.markUndeliverable("alarm-\(index)", error: "NotFound (HTTP 404): Topic does not exist") }
        #expect(outbox.count == 0)
        #expect(directory.outboxFiles.isEmpty)
        #expect(directory.undeliverableFiles.count == 2)
        #expect(try directory.undeliverableFiles.map { try directory.undeliverable($0)["id"] as? String } == ["alarm-3", "alarm-4"])
        #expect(try directory.undeliverable(directory.undeliverableFiles[1])["lastError"] as? String == "NotFound (HTTP 404): Topic does not exist")
        #expect(outbox.statistics.undeliverablePruned == 2)

        // The bound also applies to what an earlier run left.
        let reopened = try directory.open(clock: VirtualTime(), maximumUndeliverable: 1)
        #expect(reopened.undeliverableFileNames.count == 1)
        #expect(directory.undeliverableFiles.count == 1)
    }

    @Test func aCorruptFileIsMovedAsideAndTheOthersLoad() throws {
        let directory = OutboxStateDirectory()
        let time = VirtualTime()
        do {
            let outbox = try directory.open(clock: time)
            try outbox.enqueue("first")
            try outbox.enqueue("third")
        }
        let outboxDirectory = directory.paths.outboxDirectory
        try Data("{\"id\": \"second\", \"topicARN\": ".utf8).write(to: outboxDirectory.appendingPathComponent("00000000000000000002-second.json"))
        try Data("half".utf8).write(to: outboxDirectory.appendingPathComponent("00000000000000000004-fourth.json.tmp"))

        let reopened = try directory.open(clock: time)
        #expect(reopened.pending.map(\.id) == ["first", "third"])
        #expect(directory.undeliverableFiles == ["00000000000000000002-second.json.corrupt"])
        #expect(directory.outboxFiles.count == 2)
        #expect(reopened.statistics.corruptFiles == 1)
        #expect(reopened.statistics.temporaryFilesRemoved == 1)
        #expect(directory.log.all.contains { $0.level == .error && $0.text.contains("unreadable notification file moved aside") && $0.text.contains("second.json") })
    }

    @Test func aNotificationSetAsideWhileBeingSentIsNotLeftAsUndeliverable() throws {
        let directory = OutboxStateDirectory()
        let outbox = try directory.open(clock: VirtualTime(), maximumCount: 1)
        try outbox.enqueue("in-flight")
        let sending = try #require(outbox.due(now: Date.distantFuture).first)
        try outbox.enqueue("newer")
        #expect(directory.undeliverableFiles.count == 1)
        outbox.markSent(sending.id)
        #expect(directory.undeliverableFiles.isEmpty)
        #expect(outbox.pending.map(\.id) == ["newer"])
    }
}
