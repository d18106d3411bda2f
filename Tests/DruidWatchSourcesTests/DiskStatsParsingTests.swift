import DruidWatchSources
import Testing

/// `/proc/diskstats`: per-device I/O counters in the 14-, 18- and 20-field layouts.
@Suite struct DiskStatsParsingTests {
    @Test func deviceMapperNVMeAndMMCDevicesAreAllRead() throws {
        let stats = DiskStats.parse(try procFixture("node-exporter-8cpu-dm-nvme", "diskstats"))
        #expect(stats.skippedLines == 0)
        #expect(stats.devices.count == 51)
        for name in ["dm-0", "dm-1", "dm-2", "dm-3", "dm-4", "dm-5", "nvme0n1", "nvme0n1p1", "nvme0n1p2", "mmcblk0", "mmcblk0p2", "sda", "sda4", "vda2", "sr0", "fd0", "ram15", "loop7"] {
            #expect(stats.devices[name] != nil, "\(name) missing")
        }
        #expect(stats.devices["dm-0"] == DiskStats.Counters(reads: 59_910_002, sectorsRead: 1_003_337_218, writes: 39_231_014, sectorsWritten: 505_696_880, ioMilliseconds: 11_325_968))
        #expect(stats.devices["nvme0n1"] == DiskStats.Counters(reads: 47114, sectorsRead: 4_643_973, writes: 1_078_320, sectorsWritten: 39_451_633, ioMilliseconds: 222_766))
        #expect(stats.devices["nvme0n1p1"] == DiskStats.Counters(reads: 1140, sectorsRead: 9370, writes: 1, sectorsWritten: 1, ioMilliseconds: 16))
    }

    @Test func discardAndFlushLayoutsReadTheSameColumns() throws {
        let stats = DiskStats.parse(try procFixture("node-exporter-8cpu-dm-nvme", "diskstats"))
        // sdb has 18 fields (4.18+ discard counters), sdc 20 (5.5+ flush counters).
        #expect(stats.devices["sdb"] == DiskStats.Counters(reads: 326_552, sectorsRead: 9_657_779, writes: 41822, sectorsWritten: 1_972_905, ioMilliseconds: 60730))
        #expect(stats.devices["sdc"] == DiskStats.Counters(reads: 126_552, sectorsRead: 1_657_779, writes: 11822, sectorsWritten: 172_905, ioMilliseconds: 10730))
    }

    @Test func thisMachine() throws {
        let stats = DiskStats.parse(try procFixture("sandbox-vm", "diskstats"))
        #expect(Set(stats.devices.keys) == ["loop0", "loop1", "loop2", "loop3", "loop4", "loop5", "loop6", "loop7", "vda", "zram0"])
        #expect(stats.devices["vda"] == DiskStats.Counters(reads: 185_557, sectorsRead: 22_865_258, writes: 83193, sectorsWritten: 8_846_544, ioMilliseconds: 44692))
        #expect(stats.devices["zram0"] == DiskStats.Counters(reads: 0, sectorsRead: 0, writes: 0, sectorsWritten: 0, ioMilliseconds: 0))
    }

    @Test func kubernetesNodeWithPartitionsAndSnapLoops() throws {
        let stats = DiskStats.parse(try procFixture("k8s-node-no-swap", "diskstats"))
        #expect(stats.devices.count == 16)
        #expect(stats.devices["vda"] == DiskStats.Counters(reads: 12580, sectorsRead: 797_587, writes: 51922, sectorsWritten: 9_626_418, ioMilliseconds: 163_124))
        #expect(stats.devices["vda15"]?.writes == 2)
        #expect(stats.devices["loop11"]?.sectorsRead == 16)
    }

    @Test func malformedLinesAreSkippedAndCounted() {
        let text = """
               8       0 sda 1 2 3 4 5 6 7 8 9 10 11
               8       1 sda1 4 8 2 16
             252       0 dm-0 1 0 x 0 0 0 0 0 0 0 0
            garbage
            """
        let stats = DiskStats.parse(text)
        // sda1 is the four-counter partition layout of kernels before 2.6.25.
        #expect(Set(stats.devices.keys) == ["sda"])
        #expect(stats.devices["sda"] == DiskStats.Counters(reads: 1, sectorsRead: 3, writes: 5, sectorsWritten: 7, ioMilliseconds: 10))
        #expect(stats.skippedLines == 3)
        #expect(DiskStats.parse("").devices.isEmpty)
    }
}
