import DruidWatchCore
import DruidWatchSources
import Testing

/// Disk and network rates from counter deltas over the elapsed seconds.
@Suite struct IORateMetricsTests {
    @Test func diskRates() {
        let before = DiskStats.Counters(reads: 1000, sectorsRead: 8000, writes: 500, sectorsWritten: 4000, ioMilliseconds: 10000)
        let after = DiskStats.Counters(reads: 1050, sectorsRead: 10048, writes: 600, sectorsWritten: 8096, ioMilliseconds: 12500)
        let result = HostMetrics.samples(previous: HostSnapshot(disks: ["nvme0n1": before]), current: HostSnapshot(disks: ["nvme0n1": after]), elapsedSeconds: 10, timestamp: sampleTime)
        let disk = MetricDimension("name", "nvme0n1")
        #expect(result.value("diskio_read_bytes_per_second", disk) == 104_857.6)   // 2048 sectors * 512 / 10 s
        #expect(result.value("diskio_write_bytes_per_second", disk) == 209_715.2)  // 4096 sectors * 512 / 10 s
        #expect(result.value("diskio_reads_per_second", disk) == 5)
        #expect(result.value("diskio_writes_per_second", disk) == 10)
        #expect(result.value("diskio_utilization_percent", disk) == 25)            // 2500 ms busy of 10000
        #expect(result.first { $0.name == "diskio_read_bytes_per_second" }?.unit == .bytesPerSecond)
        #expect(result.first { $0.name == "diskio_reads_per_second" }?.unit == .countPerSecond)
    }

    @Test func utilizationIsCappedAtAHundred() {
        // Busy time can exceed wall time when the reading is late; the share cannot.
        let before = DiskStats.Counters(reads: 0, sectorsRead: 0, writes: 0, sectorsWritten: 0, ioMilliseconds: 0)
        let after = DiskStats.Counters(reads: 0, sectorsRead: 0, writes: 0, sectorsWritten: 0, ioMilliseconds: 15000)
        let result = HostMetrics.samples(previous: HostSnapshot(disks: ["sda": before]), current: HostSnapshot(disks: ["sda": after]), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(result.value("diskio_utilization_percent") == 100)
    }

    @Test func deviceSeenForTheFirstTimeHasNoRates() {
        let counters = DiskStats.Counters(reads: 5, sectorsRead: 40, writes: 0, sectorsWritten: 0, ioMilliseconds: 3)
        let result = HostMetrics.samples(previous: HostSnapshot(disks: [:]), current: HostSnapshot(disks: ["sdb": counters]), elapsedSeconds: 10, timestamp: sampleTime)
        #expect(result.isEmpty)
    }

    @Test func networkRatesAndErrorCounts() {
        let before = NetDev.parse("  eth0: 10000 100 1 2 0 0 0 0 20000 200 3 4 0 0 0 0\n").interfaces
        let after = NetDev.parse("  eth0: 15000 150 4 2 0 0 0 0 30000 260 3 9 0 0 0 0\n").interfaces
        let result = HostMetrics.samples(previous: HostSnapshot(interfaces: before), current: HostSnapshot(interfaces: after), elapsedSeconds: 5, timestamp: sampleTime)
        #expect(result.value("net_bytes_recv_per_second") == 1000)
        #expect(result.value("net_bytes_sent_per_second") == 2000)
        #expect(result.value("net_packets_recv_per_second") == 10)
        #expect(result.value("net_packets_sent_per_second") == 12)
        // Errors and drops are the interval's counts, not rates.
        #expect(result.value("net_err_in") == 3 && result.value("net_err_out") == 0)
        #expect(result.value("net_drop_in") == 0 && result.value("net_drop_out") == 5)
        #expect(result.filter { $0.name.hasPrefix("net_err") || $0.name.hasPrefix("net_drop") }.allSatisfy { $0.kind == .counter && $0.unit == .count })
        #expect(result.allSatisfy { $0.dimensions == [MetricDimension("interface", "eth0")] })
    }

    @Test func ratesBetweenTwoReadingsOfThisMachine() throws {
        let before = DiskStats.parse(try procFixture("sandbox-vm", "diskstats")).devices
        let after = DiskStats.parse(try procFixture("sandbox-vm-later", "diskstats")).devices
        let result = HostMetrics.samples(previous: HostSnapshot(disks: before), current: HostSnapshot(disks: after), elapsedSeconds: 180, timestamp: sampleTime)
        let vda = MetricDimension("name", "vda")
        // vda deltas: reads 1173, sectors read 32272, writes 2957, sectors written 308176, busy 888 ms.
        #expect(isClose(result.value("diskio_read_bytes_per_second", vda), 32272.0 * 512 / 180))
        #expect(isClose(result.value("diskio_write_bytes_per_second", vda), 308_176.0 * 512 / 180))
        #expect(isClose(result.value("diskio_reads_per_second", vda), 1173.0 / 180))
        #expect(isClose(result.value("diskio_writes_per_second", vda), 2957.0 / 180))
        #expect(isClose(result.value("diskio_utilization_percent", vda), 888.0 / 180_000 * 100))
        // Idle loop and zram devices are still rated here (HostSource is what filters them): at zero.
        #expect(result.value("diskio_reads_per_second", MetricDimension("name", "zram0")) == 0)
    }
}
