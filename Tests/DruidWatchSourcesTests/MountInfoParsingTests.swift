import DruidWatchSources
import Testing

/// `/proc/self/mountinfo` (and `/proc/filesystems`, which says which types have no device).
@Suite struct MountInfoParsingTests {
    @Test func thisMachine() throws {
        let info = MountInfo.parse(try procFixture("sandbox-vm", "self/mountinfo"))
        #expect(info.mounts.count == 20)
        #expect(info.skippedLines == 0)
        let root = try #require(info.mounts.first { $0.mountPoint == "/" })
        #expect(root.deviceNumber == "254:0" && root.filesystemType == "ext4" && root.source == "/dev/vda")
        // /dev/shm is mounted twice; the parser keeps both, HostSource de-duplicates by device.
        #expect(info.mounts.filter { $0.mountPoint == "/dev/shm" }.map(\.deviceNumber) == ["0:23", "0:27"])
        #expect(info.mounts.filter { $0.filesystemType == "cgroup" }.count == 9)
    }

    @Test func octalEscapesInMountPointsAreDecoded() throws {
        let info = MountInfo.parse(try procFixture("node-exporter-8cpu-dm-nvme", "self/mountinfo"))
        #expect(info.mounts.count == 31)
        #expect(info.skippedLines == 0)
        let directory = "/var/lib/kubelet/plugins/kubernetes.io/vsphere-volume/mounts"
        let volume = "bafb9e5a-8856-7e6c-699c-801844e77a4a/kubernetes-dynamic-pvc-3eba5bba-48a3-11e8-89ab-005056b92113.vmdk"
        let vsphere = info.mounts.filter { $0.deviceNumber == "260:0" }.map(\.mountPoint)
        #expect(vsphere == ["\(directory)/[vsanDatastore] \(volume)", "\(directory)/[vsanDatastore]\t\(volume)"])
        #expect(!info.mounts.contains { $0.mountPoint.contains("\\") })
    }

    @Test func deviceMapperRootAndOptionalFields() throws {
        let info = MountInfo.parse(try procFixture("node-exporter-8cpu-dm-nvme", "self/mountinfo"))
        let root = try #require(info.mounts.first { $0.mountPoint == "/" })
        #expect(root.source == "/dev/dm-2" && root.deviceNumber == "259:2" && root.filesystemType == "ext4")
        let boot = try #require(info.mounts.first { $0.mountPoint == "/boot" })
        #expect(boot.source == "/dev/sda3" && boot.filesystemType == "ext2")
        #expect(info.mounts.first { $0.mountPoint == "/run/user/1000/gvfs" }?.filesystemType == "fuse.gvfsd-fuse")
    }

    @Test func networkAndMapperSources() throws {
        let info = MountInfo.parse(try procFixture("procfs-nfs-client", "self/mountinfo"))
        #expect(info.mounts.count == 8)
        #expect(info.mounts.filter { $0.mountPoint == "/mnt/nfs/test" }.map(\.filesystemType) == ["nfs4", "nfs4", "nfs"])
        #expect(info.mounts.first { $0.filesystemType == "nfs4" }?.source == "192.168.1.1:/srv/test")
        let containers = try #require(info.mounts.first { $0.filesystemType == "xfs" })
        #expect(containers.mountPoint == "/var/lib/containers/storage/overlay" && containers.source == "/dev/mapper/rhel-root")
        // "1 1 0:5 /  /root ...": a doubled space between fields.
        #expect(info.mounts.first?.mountPoint == "/root")
    }

    @Test func escapesForBackslashNewlineAndBrokenSequences() {
        let text = #"""
            36 35 98:0 / /mnt/back\134slash rw - ext3 /dev/root rw
            37 35 98:1 / /mnt/new\012line rw - ext3 /dev/my\040disk rw
            38 35 98:2 / /mnt/not\9octal rw - ext3 /dev/sdb rw
            39 35 98:3 / /mnt/short\04 rw - ext3 /dev/sdc rw
            """#
        let mounts = MountInfo.parse(text).mounts
        #expect(mounts.map(\.mountPoint) == ["/mnt/back\\slash", "/mnt/new\nline", "/mnt/not\\9octal", "/mnt/short\\04"])
        #expect(mounts[1].source == "/dev/my disk")
    }

    @Test func malformedLinesAreSkippedAndCounted() {
        let text = """
            garbage
            21 1 8:1 / / rw,relatime ext4 /dev/sda1 rw
            21 1 8:1 / - ext4 /dev/sda1 rw
            21 1 8:1 / /data rw,relatime - ext4
            22 1 8:2 / /home rw,relatime shared:1 master:2 - xfs /dev/sda2 rw
            """
        let info = MountInfo.parse(text)
        #expect(info.skippedLines == 4)
        #expect(info.mounts.count == 1)
        #expect(info.mounts.first?.mountPoint == "/home" && info.mounts.first?.filesystemType == "xfs" && info.mounts.first?.source == "/dev/sda2")
    }

    @Test func kernelFilesystemsMarksTypesWithoutDevice() throws {
        let kernel = KernelFilesystems.parse(try procFixture("sandbox-vm", "filesystems"))
        #expect(kernel.all.count == 31)
        for type in ["tmpfs", "proc", "sysfs", "cgroup2", "overlay", "fuse", "autofs"] {
            #expect(kernel.withoutDevice.contains(type), "\(type)")
        }
        for type in ["ext4", "xfs", "btrfs", "fuseblk", "squashfs", "erofs"] {
            #expect(!kernel.withoutDevice.contains(type) && kernel.all.contains(type), "\(type)")
        }
    }
}
