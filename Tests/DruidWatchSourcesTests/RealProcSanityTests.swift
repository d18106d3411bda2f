import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// HostSource on the live /proc of the machine running the tests: plausible, not exact.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/proc/stat")))
struct RealProcSanityTests {
    @Test func cpuLinesMatchTheOnlineProcessors() throws {
        let stat = try ProcStat.parse(String(contentsOfFile: "/proc/stat", encoding: .utf8))
        #expect(stat.perCPU.count == sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #expect(stat.skippedLines == 0)
        #expect(stat.total.total > 0)
    }

    @Test func twoCollectsGivePlausibleValues() async throws {
        let source = HostSource()
        let first = try await source.collect(at: sampleTime)
        #expect(!first.contains { $0.name.hasPrefix("cpu_usage_") })
        try await Task.sleep(for: .milliseconds(300))
        let second = try await source.collect(at: sampleTime)

        let active = try #require(second.value("cpu_usage_active"))
        #expect((0...100).contains(active))
        for sample in second where sample.unit == .percent {
            #expect((0...100).contains(sample.value), "\(sample.name) \(sample.dimensions) = \(sample.value)")
        }
        #expect(second.allSatisfy { $0.value.isFinite && $0.value >= 0 })
        let memory = try MemInfo.parse(String(contentsOfFile: "/proc/meminfo", encoding: .utf8))
        let available = try #require(second.value("mem_available_bytes"))
        #expect(available > 0 && available <= Double(memory.totalBytes))
        #expect(second.value("load1") != nil)
        #expect(second.dimensionValues("disk_used_percent", "path").contains("/"))
    }

    @Test func rootUsedPercentAgreesWithDf() async throws {
        let figures = try #require(HostSource.systemStatvfs("/"))
        let usage = FilesystemUsage(
            mountPoint: "/", device: "", filesystemType: "", fragmentSize: figures.fragmentSize, blocks: figures.blocks,
            blocksFree: figures.blocksFree, blocksAvailable: figures.blocksAvailable, inodes: figures.inodes, inodesFree: figures.inodesFree
        )
        let ours = try #require(HostMetrics.samples(previous: nil, current: HostSnapshot(filesystems: [usage]), elapsedSeconds: 0, timestamp: sampleTime).value("disk_used_percent"))

        // ChildProcess, not Foundation's Process: its waitUntilExit can hang on a Swift
        // concurrency thread on Linux and stall every other test with it.
        let df = try ChildProcess(executable: "/bin/df", arguments: ["-P", "/"])
        let output = String(decoding: await df.readToEnd(), as: UTF8.self)
        df.stop()
        // "Filesystem 1024-blocks Used Available Capacity Mounted on" / "/dev/vda ... 42% /"
        let capacity = try #require(output.split(separator: "\n").last?.split(separator: " ").first { $0.hasSuffix("%") })
        let dfPercent = try #require(Double(capacity.dropLast()))
        // df rounds up; allow one point for writes between the two statvfs calls.
        #expect(abs(ours.rounded(.up) - dfPercent) <= 1, "ours \(ours), df \(dfPercent)")
    }
}
