import DruidWatchCore
import DruidWatchSources
import Testing

/// A counter that went backwards (reboot, device re-added, wrap) yields nothing for that
/// interval: no negative rate, no huge one, and the other series are unaffected.
@Suite struct CounterResetTests {
    private let netBefore = NetDev.parse("""
          eth0: 5000 50 0 0 0 0 0 0 8000 80 0 0 0 0 0 0
          eth1: 1000 10 0 0 0 0 0 0 1000 10 0 0 0 0 0 0
        """).interfaces
    private let netAfter = NetDev.parse("""
          eth0: 100 1 0 0 0 0 0 0 9000 90 0 0 0 0 0 0
          eth1: 3000 30 1 2 0 0 0 0 1500 15 0 0 0 0 0 0
        """).interfaces

    @Test func cpuTicksGoingBackwardsGiveNoCPUShares() throws {
        let memory = try MemInfo.parse(procFixture("sandbox-vm", "meminfo"))
        let before = CPUTimes(user: 500, nice: 0, system: 100, idle: 9000)
        let after = CPUTimes(user: 600, nice: 0, system: 120, idle: 8000)  // idle went down
        let result = HostMetrics.samples(previous: HostSnapshot(cpu: before), current: HostSnapshot(cpu: after, memory: memory), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(!result.contains { $0.name.hasPrefix("cpu_usage_") })
        #expect(result.names == ["mem_used_percent", "mem_available_bytes"])
    }

    @Test func unchangedTicksGiveNoSharesRatherThanNaN() {
        let cpu = CPUTimes(user: 500, nice: 0, system: 100, idle: 9000)
        let result = HostMetrics.samples(previous: HostSnapshot(cpu: cpu), current: HostSnapshot(cpu: cpu), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(result.isEmpty)
    }

    @Test func diskCounterGoingBackwardsSkipsOnlyThatDevice() {
        let before = [
            "vda": DiskStats.Counters(reads: 1000, sectorsRead: 8000, writes: 500, sectorsWritten: 4000, ioMilliseconds: 10000),
            "vdb": DiskStats.Counters(reads: 10, sectorsRead: 80, writes: 5, sectorsWritten: 40, ioMilliseconds: 100),
        ]
        let after = [
            "vda": DiskStats.Counters(reads: 3, sectorsRead: 24, writes: 1, sectorsWritten: 8, ioMilliseconds: 7),  // re-attached
            "vdb": DiskStats.Counters(reads: 20, sectorsRead: 160, writes: 5, sectorsWritten: 40, ioMilliseconds: 600),
        ]
        let result = HostMetrics.samples(previous: HostSnapshot(disks: before), current: HostSnapshot(disks: after), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(result.dimensionValues("diskio_reads_per_second", "name") == ["vdb"])
        #expect(result.filter { $0.name.hasPrefix("diskio_") }.count == 5)
        #expect(result.value("diskio_reads_per_second", MetricDimension("name", "vdb")) == 1)
        #expect(result.allSatisfy { $0.value >= 0 })
    }

    @Test func networkCounterGoingBackwardsSkipsOnlyThatInterface() {
        let result = HostMetrics.samples(previous: HostSnapshot(interfaces: netBefore), current: HostSnapshot(interfaces: netAfter), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(result.dimensionValues("net_bytes_recv_per_second", "interface") == ["eth1"])
        #expect(!result.contains { $0.dimensions.contains(MetricDimension("interface", "eth0")) })
        #expect(result.value("net_bytes_recv_per_second", MetricDimension("interface", "eth1")) == 200)
        #expect(result.allSatisfy { $0.value >= 0 && $0.value.isFinite })
    }
}
