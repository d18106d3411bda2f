import DruidWatchCore
import DruidWatchSources
import Testing

/// HostSource over two captures of this machine's /proc: the first collect gives levels
/// only, the second adds rates over the time the injected clock says has passed.
@Suite struct HostSourceTwoReadingsTests {
    private static let rootFigures = HostSource.FilesystemFigures(
        fragmentSize: 4096, blocks: 2_621_440, blocksFree: 1_000_000, blocksAvailable: 900_000, inodes: 655_360, inodesFree: 600_000
    )

    private func makeHost() throws -> ScratchHost {
        let host = try ScratchHost()
        try host.useProc(from: "sandbox-vm")
        for device in ["vda", "zram0"] + (0..<8).map({ "loop\($0)" }) { try host.addBlockDevice(device) }
        return host
    }

    @Test func firstReadingGivesLevelsOnly() async throws {
        let host = try makeHost()
        let statfs = StatfsStub(["/": Self.rootFigures])
        let source = HostSource(options: host.options(), monotonicNow: { ContinuousClock.now }, statfs: statfs.function)

        let result = try await source.collect(at: sampleTime)
        #expect(result.names == [
            "mem_used_percent", "mem_available_bytes", "load1", "load5", "load15",
            "disk_used_percent", "disk_free_bytes", "disk_inodes_used_percent", "disk_inodes_free",
        ])
        #expect(result.allSatisfy { $0.timestamp == sampleTime })
        #expect(result.value("load1") == 0.52 && result.value("load15") == 0.08)
        #expect(result.value("mem_available_bytes") == 24_246_172.0 * 1024)
        // Only "/" (ext4 on /dev/vda) is a real file system; tmpfs, cgroup, proc and the rest are not asked.
        #expect(statfs.pathsAsked == ["/"])
        #expect(result.dimensionValues("disk_used_percent", "path") == ["/"])
        #expect(result.dimensionValues("disk_used_percent", "device") == ["/dev/vda"])
        #expect(isClose(result.value("disk_used_percent"), 1_621_440.0 / 2_521_440 * 100))
        #expect(result.value("disk_free_bytes") == 900_000.0 * 4096)
    }

    @Test func secondReadingAddsRatesOverTheInjectedInterval() async throws {
        let host = try makeHost()
        let clock = ManualClock()
        let source = HostSource(options: host.options(), monotonicNow: { clock.now }, statfs: StatfsStub(["/": Self.rootFigures]).function)

        _ = try await source.collect(at: sampleTime)
        try host.useProc(from: "sandbox-vm-later")
        clock.advance(by: .seconds(180))
        let result = try await source.collect(at: sampleTime)

        // CPU: the aggregate line's deltas, 36294 ticks in all.
        #expect(isClose(result.value("cpu_usage_user"), 6.450101945225106))
        #expect(isClose(result.value("cpu_usage_active"), 8.913319005896296))
        // Disks: only the whole disk vda; loop* and zram* are ignored by default.
        #expect(result.dimensionValues("diskio_read_bytes_per_second", "name") == ["vda"])
        let vda = MetricDimension("name", "vda")
        #expect(isClose(result.value("diskio_read_bytes_per_second", vda), 32272.0 * 512 / 180))
        #expect(isClose(result.value("diskio_write_bytes_per_second", vda), 308_176.0 * 512 / 180))
        #expect(isClose(result.value("diskio_utilization_percent", vda), 888.0 / 180_000 * 100))
        // Interfaces: lo is ignored by default; eth0 did not move between the captures.
        #expect(result.dimensionValues("net_bytes_recv_per_second", "interface") == ["eth0", "ifb0", "ifb1"])
        #expect(result.value("net_bytes_recv_per_second", MetricDimension("interface", "eth0")) == 0)
        // Levels come from the second reading.
        #expect(result.value("load1") == 0.09)
        #expect(result.value("mem_available_bytes") == 24_283_824.0 * 1024)
    }

    @Test func loopbackIsRatedWhenNotIgnored() async throws {
        let host = try makeHost()
        let clock = ManualClock()
        let source = HostSource(options: host.options(ignoredInterfaces: []), monotonicNow: { clock.now }, statfs: StatfsStub([:]).function)

        _ = try await source.collect(at: sampleTime)
        try host.useProc(from: "sandbox-vm-later")
        clock.advance(by: .seconds(180))
        let result = try await source.collect(at: sampleTime)

        let lo = MetricDimension("interface", "lo")
        #expect(isClose(result.value("net_bytes_recv_per_second", lo), 765_659.0 / 180))  // 7484648 - 6718989
        #expect(isClose(result.value("net_packets_sent_per_second", lo), 1338.0 / 180))   // 19738 - 18400
        #expect(result.value("net_err_in", lo) == 0)
    }
}
