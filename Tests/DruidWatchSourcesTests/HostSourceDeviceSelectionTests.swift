import DruidWatchCore
import DruidWatchSources
import Testing

/// Which disks, interfaces and file systems HostSource reports, on node_exporter's capture
/// of a machine with device-mapper, NVMe, MMC and SCSI disks.
@Suite struct HostSourceDeviceSelectionTests {
    private static let vsphereVolume = "/var/lib/kubelet/plugins/kubernetes.io/vsphere-volume/mounts/[vsanDatastore] "
        + "bafb9e5a-8856-7e6c-699c-801844e77a4a/kubernetes-dynamic-pvc-3eba5bba-48a3-11e8-89ab-005056b92113.vmdk"
    private static let figures = HostSource.FilesystemFigures(fragmentSize: 4096, blocks: 1000, blocksFree: 500, blocksAvailable: 400, inodes: 100, inodesFree: 50)

    private func makeHost() throws -> ScratchHost {
        let host = try ScratchHost()
        try host.useProc(from: "node-exporter-8cpu-dm-nvme")
        for device in ["sda", "sdb", "sdc", "nvme0n1", "mmcblk0", "vda", "ram0", "loop0", "sr0", "fd0", "dm-3", "dm-4", "dm-5"] {
            try host.addBlockDevice(device)
        }
        try host.addBlockDevice("dm-0", mapperName: "vg0-root")
        try host.addBlockDevice("dm-1", mapperName: "vg0-swap")
        try host.addBlockDevice("dm-2", mapperName: "")
        return host
    }

    @Test func wholeDisksUnderTheirMapperNames() throws {
        let host = try makeHost()
        let snapshot = try HostSource(options: host.options(), statfs: StatfsStub([:]).function).read()
        #expect(Set(snapshot.disks.keys) == ["sda", "sdb", "sdc", "nvme0n1", "mmcblk0", "vda", "vg0-root", "vg0-swap", "dm-2", "dm-3", "dm-4", "dm-5"])
        #expect(snapshot.disks["vg0-root"] == DiskStats.Counters(reads: 59_910_002, sectorsRead: 1_003_337_218, writes: 39_231_014, sectorsWritten: 505_696_880, ioMilliseconds: 11_325_968))
        #expect(snapshot.disks["nvme0n1"]?.sectorsWritten == 39_451_633)
    }

    @Test func partitionsAndIgnoredDevicesAreLeftOut() throws {
        let host = try makeHost()
        let snapshot = try HostSource(options: host.options(), statfs: StatfsStub([:]).function).read()
        for name in ["nvme0n1p1", "sda1", "mmcblk0p1", "vda1", "ram0", "loop0", "sr0", "fd0", "dm-0", "dm-1"] {
            #expect(snapshot.disks[name] == nil, "\(name)")
        }
    }

    @Test func ignoredInterfacesAreLeftOut() throws {
        let host = try makeHost()
        let snapshot = try HostSource(options: host.options(), statfs: StatfsStub([:]).function).read()
        #expect(Set(snapshot.interfaces.keys) == ["tun0", "eth0", "lxcbr0", "wlan0", "docker0", "ibr10:30"])
        #expect(snapshot.interfaces["eth0"]?.bytesReceived == 68_210_035_552)
    }

    @Test func missingMeminfoAndLoadavgLeaveTheRestStanding() throws {
        let host = try makeHost()
        let snapshot = try HostSource(options: host.options(), statfs: StatfsStub([:]).function).read()
        #expect(snapshot.memory == nil && snapshot.load == nil)
        #expect(snapshot.cpu?.total == 9_400_890)
    }

    @Test func fileSystemsAreMeasuredOncePerDeviceAndFailuresSkipped() throws {
        let host = try makeHost()
        let statfs = StatfsStub(["/": Self.figures, "/boot": Self.figures])
        let snapshot = try HostSource(options: host.options(), statfs: statfs.function).read()
        // Two vSphere volumes share device 260:0: only the first is asked; its statvfs fails.
        #expect(statfs.pathsAsked == ["/", "/boot", Self.vsphereVolume])
        #expect(snapshot.filesystems.map(\.mountPoint) == ["/", "/boot"])
        #expect(snapshot.filesystems.map(\.device) == ["/dev/dm-2", "/dev/sda3"])
        #expect(snapshot.filesystems.map(\.filesystemType) == ["ext4", "ext2"])
        #expect(snapshot.filesystems.first?.blocksAvailable == 400)
    }

    @Test func fuseMountsAreNotMeasured() throws {
        // /proc/filesystems lists "nodev fuse"; mountinfo says "fuse.gvfsd-fuse" (or fuse.sshfs,
        // fuse.glusterfs): statvfs on such a mount blocks when its server is gone.
        let host = try makeHost()
        try host.writeProc("filesystems", try procFixture("sandbox-vm", "filesystems"))
        let statfs = StatfsStub(["/": Self.figures, "/boot": Self.figures])
        let options = host.options(ignoredMountPoints: ["/proc/*", "/sys/*", "/dev/*"])
        _ = try HostSource(options: options, statfs: statfs.function).read()
        #expect(!statfs.pathsAsked.contains("/run/user/1000/gvfs"))
        #expect(statfs.pathsAsked == ["/", "/boot", Self.vsphereVolume])
    }
}
