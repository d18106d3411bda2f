import DruidWatchAgent
import DruidWatchCore
import Foundation
import Logging
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The spool on a filesystem that fills up (a 1 MiB tmpfs, so ENOSPC is real): every
/// write still succeeds by dropping the oldest batches, which are counted; what is kept
/// and what was dropped add up to what was written.
@Suite(.serialized)
struct SpoolOnAFullDiskTests {
    /// A 1 MiB tmpfs mounted for the test; nil when mounting is not allowed (not root).
    final class SmallFilesystem {
        let path: String
        init?(bytes: Int) {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-enospc-\(UUID().uuidString)").path
            guard getuid() == 0, (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil,
                  mount("tmpfs", path, "tmpfs", 0, "size=\(bytes)") == 0 else {
                try? FileManager.default.removeItem(atPath: path)
                return nil
            }
        }
        deinit {
            umount(path)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    static var canMount: Bool { SmallFilesystem(bytes: 4096) != nil }

    static func batch(_ index: Int, datums: Int = 400) -> SpoolRecord {
        SpoolRecord(namespace: "Druid", datums: (0..<datums).map { item in
            MetricDatum(
                metricName: "query/time", dimensions: [MetricDimension("dataSource", "ds-\(index)-\(item)")], timestamp: Date(),
                value: .single(Double(item)), unit: .milliseconds, storageResolution: 60
            )
        })
    }

    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func aFullDiskDropsTheOldestAndCountsThem() throws {
        let filesystem = try #require(SmallFilesystem(bytes: 1 << 20))
        let spool = try MetricSpool(options: SpoolOptions(directory: URL(fileURLWithPath: filesystem.path + "/spool"), logger: Logger(label: "enospc")))
        var written = 0
        for index in 0..<40 {
            let record = Self.batch(index)
            spool.release(try spool.write(record))
            written += record.itemCount
        }
        let statistics = spool.statistics
        let kept = spool.entries.reduce(0) { $0 + $1.itemCount }
        #expect(statistics.filesDroppedForDiskFull > 0, "the filesystem never filled: \(spool.totalBytes) bytes kept")
        #expect(kept + statistics.itemsDroppedForDiskFull == written)
        // The newest batch is among those kept.
        let newest = try #require(spool.entries.last.flatMap { spool.read($0) })
        #expect(newest.datums.first?.dimensions == [MetricDimension("dataSource", "ds-39-0")])
        #expect(statistics.itemsDroppedForSize == 0, "the size bound (512 MiB) was never the reason")
    }

    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func aRecordLargerThanTheDiskIsAnErrorNotALoop() throws {
        let filesystem = try #require(SmallFilesystem(bytes: 64 * 1024))
        let spool = try MetricSpool(options: SpoolOptions(directory: URL(fileURLWithPath: filesystem.path + "/spool"), logger: Logger(label: "enospc")))
        spool.release(try spool.write(Self.batch(0, datums: 10)))
        #expect(throws: MetricSpool.SpoolError.self) { try spool.write(Self.batch(1, datums: 5_000)) }
        #expect(spool.entries.isEmpty, "the small batch was dropped trying to make room")
        #expect(spool.statistics.itemsDroppedForDiskFull == 10)
    }
}
