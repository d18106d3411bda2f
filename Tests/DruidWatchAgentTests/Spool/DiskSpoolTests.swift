@testable import DruidWatchAgent
import DruidWatchCore
import Foundation
import Logging
import Testing

/// A spool directory of its own per test, removed afterwards.
final class SpoolDirectory: Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-spool-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: url) }

    var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    func open(maximumBytes: Int = SpoolOptions.defaultMaximumBytes, maximumAge: Duration = SpoolOptions.defaultMaximumAge, now: Date = Date()) throws -> MetricSpool {
        try MetricSpool(options: SpoolOptions(directory: url, maximumBytes: maximumBytes, maximumAge: maximumAge, logger: Logger(label: "spool-test")), now: now)
    }
}

func spoolRecord(_ name: String, at timestamp: Date, count: Int = 3) -> SpoolRecord {
    SpoolRecord(namespace: "SpoolTest", datums: (0..<count).map {
        MetricDatum(metricName: name, dimensions: [MetricDimension("Index", "\($0)")], timestamp: timestamp, value: .single(Double($0)), unit: .count)
    })
}

@Suite struct DiskSpoolTests {
    let now = Date(timeIntervalSince1970: 1_732_530_000)

    /// Writes and leaves for replay, as a send that failed would.
    @discardableResult
    private func park(_ record: SpoolRecord, in spool: MetricSpool, now: Date? = nil) throws -> SpoolEntry {
        let entry = try spool.write(record, now: now ?? self.now)
        spool.release(entry)
        return entry
    }

    @Test func batchesComeBackOldestFirstAcrossReopening() throws {
        let directory = SpoolDirectory()
        do {
            let spool = try directory.open(now: now)
            for index in 0..<5 { try park(spoolRecord("m\(index)", at: now.addingTimeInterval(Double(index - 10) * 60)), in: spool) }
        }
        #expect(directory.fileNames.count == 5)
        let reopened = try directory.open(now: now)
        let claimed = reopened.claimOldest(3, now: now)
        #expect(claimed.map(\.sequence) == [1, 2, 3])
        #expect(claimed.compactMap { reopened.read($0)?.datums.first?.metricName } == ["m0", "m1", "m2"])
        // Claimed batches are not handed out twice; the rest follow in order.
        #expect(reopened.claimOldest(10, now: now).map(\.sequence) == [4, 5])
        // Sequence numbers keep growing after a restart, so order stays stable.
        let next = try reopened.write(spoolRecord("later", at: now), now: now)
        #expect(next.sequence == 6)
        #expect(reopened.entries.map(\.sequence) == [1, 2, 3, 4, 5, 6])
    }

    @Test func entriesDescribeTheirFiles() throws {
        let directory = SpoolDirectory()
        let spool = try directory.open(now: now)
        let entry = try spool.write(spoolRecord("m", at: now, count: 7), now: now)
        #expect(directory.fileNames == ["00000000000000000001-1732530000000-7.batch"])
        #expect(entry.itemCount == 7)
        #expect(entry.oldestTimestamp == now)
        #expect(spool.totalBytes == entry.bytes)
        #expect(entry.bytes == spoolRecord("m", at: now, count: 7).encoded().count)
        spool.remove(entry)
        #expect(directory.fileNames.isEmpty)
        #expect(spool.totalBytes == 0)
    }

    @Test func corruptAndTruncatedFilesAreSkippedAndDeleted() throws {
        let directory = SpoolDirectory()
        var entries: [SpoolEntry] = []
        do {
            let spool = try directory.open(now: now)
            for index in 0..<4 { entries.append(try park(spoolRecord("m\(index)", at: now), in: spool)) }
        }
        let truncated = directory.url.appendingPathComponent(entries[1].fileName)
        let full = try Data(contentsOf: truncated)
        try full.prefix(full.count / 2).write(to: truncated)
        let flipped = directory.url.appendingPathComponent(entries[2].fileName)
        var bytes = [UInt8](try Data(contentsOf: flipped))
        bytes[bytes.count - 5] ^= 0x01
        try Data(bytes).write(to: flipped)
        try Data().write(to: directory.url.appendingPathComponent("00000000000000000009-1732530000000-3.batch"))
        try Data("notes".utf8).write(to: directory.url.appendingPathComponent("README"))

        let spool = try directory.open(now: now)
        let read = spool.claimOldest(10, now: now).map { spool.read($0)?.datums.first?.metricName }
        #expect(read == ["m0", nil, nil, "m3", nil])
        #expect(spool.statistics.corruptFiles == 3)
        #expect(directory.fileNames == [entries[0].fileName, entries[3].fileName, "README"])
    }

    @Test func pastTheSizeBoundTheOldestAreDroppedAndCounted() throws {
        let directory = SpoolDirectory()
        let size = spoolRecord("m", at: now).encoded().count
        let spool = try directory.open(maximumBytes: size * 5 / 2, now: now)
        var entries: [SpoolEntry] = []
        for _ in 0..<5 { entries.append(try park(spoolRecord("m", at: now), in: spool)) }
        #expect(spool.entries.map(\.sequence) == [4, 5])
        #expect(spool.totalBytes == 2 * size)
        #expect(spool.statistics.filesDroppedForSize == 3)
        #expect(spool.statistics.itemsDroppedForSize == 9)
        #expect(directory.fileNames == [entries[3].fileName, entries[4].fileName])
    }

    @Test func aBatchBeingSentIsNeverDroppedForSize() throws {
        let directory = SpoolDirectory()
        let size = spoolRecord("m", at: now).encoded().count
        let spool = try directory.open(maximumBytes: size / 2, now: now)
        let entry = try spool.write(spoolRecord("m", at: now), now: now)
        #expect(spool.entries == [entry])
        spool.release(entry)
        spool.enforceBounds(now: now)
        #expect(spool.entries.isEmpty)
        #expect(spool.statistics.filesDroppedForSize == 1)
    }

    @Test func pastTheAgeBoundTheOldestAreDroppedAndCounted() throws {
        let directory = SpoolDirectory()
        do {
            let spool = try directory.open(maximumAge: .seconds(2 * 86_400), now: now)
            try park(spoolRecord("ten-days", at: now.addingTimeInterval(-10 * 86_400)), in: spool)
            try park(spoolRecord("three-days", at: now.addingTimeInterval(-3 * 86_400)), in: spool)
            try park(spoolRecord("one-day", at: now.addingTimeInterval(-86_400)), in: spool)
            try park(spoolRecord("now", at: now), in: spool)
            // Dropped as soon as the bound is applied (every write applies it).
            #expect(spool.entries.count == 2)
            #expect(spool.statistics.filesDroppedForAge == 2)
            #expect(spool.statistics.itemsDroppedForAge == 6)
        }
        // Time passes while the agent is down: opening applies the bound too.
        let reopened = try directory.open(maximumAge: .seconds(2 * 86_400), now: now.addingTimeInterval(1.5 * 86_400))
        #expect(reopened.entries.compactMap { reopened.read($0)?.datums.first?.metricName } == ["now"])
        #expect(reopened.statistics.filesDroppedForAge == 1)
        #expect(directory.fileNames.count == 1)
    }

    @Test func theDefaultAgeStaysWithinCloudWatchsTwoWeeks() {
        #expect(SpoolOptions.defaultMaximumAge < .seconds(14 * 86_400))
        #expect(SpoolOptions.defaultMaximumAge > .seconds(13 * 86_400))
        #expect(SpoolOptions.defaultMaximumBytes == 512 * 1024 * 1024)
    }

    /// A crash leaves complete files and perhaps a half-written temporary one: opening
    /// keeps the former, in order, and removes the latter.
    @Test func aCrashLeavesCompleteBatchesAndRemovableLeftovers() throws {
        let directory = SpoolDirectory()
        var spool: MetricSpool? = try directory.open(now: now)
        // Claimed (being sent) when the process dies: nothing of that is on disk.
        let written = try (0..<3).map { try spool!.write(spoolRecord("m\($0)", at: now), now: now) }
        spool = nil
        let half = spoolRecord("m3", at: now).encoded()
        try half.prefix(10).write(to: directory.url.appendingPathComponent("00000000000000000004-1732530000000-3.batch.tmp"))

        let reopened = try directory.open(now: now)
        #expect(reopened.statistics.temporaryFilesRemoved == 1)
        #expect(directory.fileNames == written.map(\.fileName))
        #expect(reopened.claimOldest(10, now: now).compactMap { reopened.read($0) } == (0..<3).map { spoolRecord("m\($0)", at: now) })
        #expect(try reopened.write(spoolRecord("m4", at: now), now: now).sequence == 4)
    }
}
