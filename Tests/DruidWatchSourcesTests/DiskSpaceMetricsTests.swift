import DruidWatchCore
import DruidWatchSources
import Testing

/// File system levels: used % as df computes it, used / (used + available), so that the
/// root reserve counts as neither.
@Suite struct DiskSpaceMetricsTests {
    private func samples(_ filesystem: FilesystemUsage) -> [Sample] {
        HostMetrics.samples(previous: nil, current: HostSnapshot(filesystems: [filesystem]), elapsedSeconds: 0, timestamp: sampleTime)
    }

    private func usage(blocks: UInt64, free: UInt64, available: UInt64, inodes: UInt64 = 1000, inodesFree: UInt64 = 400) -> FilesystemUsage {
        FilesystemUsage(mountPoint: "/", device: "/dev/vda", filesystemType: "ext4", fragmentSize: 4096, blocks: blocks, blocksFree: free, blocksAvailable: available, inodes: inodes, inodesFree: inodesFree)
    }

    @Test func usedPercentLeavesTheRootReserveOut() {
        // 1000 blocks, 300 free, 250 of them available to users: used 700, df shows 700 / 950.
        let result = samples(usage(blocks: 1000, free: 300, available: 250))
        #expect(isClose(result.value("disk_used_percent"), 73.68421052631578))
        #expect(result.value("disk_free_bytes") == 250.0 * 4096)
        #expect(isClose(result.value("disk_inodes_used_percent"), 60))
        #expect(result.value("disk_inodes_free") == 400)
    }

    @Test func dimensionsNameThePathDeviceAndType() {
        let result = samples(usage(blocks: 1000, free: 300, available: 250))
        let expected = [MetricDimension("path", "/"), MetricDimension("device", "/dev/vda"), MetricDimension("fstype", "ext4")]
        #expect(result.count == 4)
        #expect(result.allSatisfy { $0.dimensions == expected && $0.kind == .gauge })
        #expect(result.first { $0.name == "disk_used_percent" }?.unit == .percent)
        #expect(result.first { $0.name == "disk_free_bytes" }?.unit == .bytes)
        #expect(result.first { $0.name == "disk_inodes_free" }?.unit == .count)
    }

    @Test func fullForUsersWhileTheReserveRemainsIsAHundredPercent() {
        let result = samples(usage(blocks: 1000, free: 50, available: 0))
        #expect(result.value("disk_used_percent") == 100)
        #expect(result.value("disk_free_bytes") == 0)
    }

    @Test func withoutReserveItIsUsedOverSize() {
        let result = samples(usage(blocks: 1000, free: 400, available: 400))
        #expect(isClose(result.value("disk_used_percent"), 60))
    }

    @Test func emptyFileSystemGivesNoSpaceFigures() {
        let result = samples(usage(blocks: 0, free: 0, available: 0))
        #expect(!result.names.contains("disk_used_percent") && !result.names.contains("disk_free_bytes"))
        #expect(result.allSatisfy { $0.value.isFinite })
    }

    @Test func fileSystemWithoutInodeCountsGivesNoInodeFigures() {
        // btrfs reports f_files = 0.
        let result = samples(usage(blocks: 1000, free: 300, available: 250, inodes: 0, inodesFree: 0))
        #expect(result.names == ["disk_used_percent", "disk_free_bytes"])
    }
}
